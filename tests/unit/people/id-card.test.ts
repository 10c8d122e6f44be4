import { describe, expect, it } from 'vitest';
import { checkCharFor, makeIdNumber, parseIdNumber } from '../../../src/people/id-card.js';
import { render } from '../../../src/i18n/index.js';
import { maskIdNumber, maskPhone } from '../../../src/privacy.js';
import { ageOn } from '../../../src/time/index.js';

describe('GB 11643 ID-card numbers', () => {
  it('when the published sample 11010519491231002X is checked, then it is valid, female, born 1949-12-31', () => {
    const r = parseIdNumber('11010519491231002x');
    expect(r).toEqual({ ok: true, value: '11010519491231002X', info: { birthDate: '1949-12-31', gender: 'female' } });
  });

  it('when one digit is mistyped, then the checksum rejects it', () => {
    const good = makeIdNumber('360302', '1945-01-01', 123);
    const bad = good.slice(0, 10) + ((Number(good[10]) + 1) % 10) + good.slice(11);
    expect(parseIdNumber(bad)).toMatchObject({ ok: false, problem: 'checksum' });
  });

  it('when the birth date inside is impossible, then it is rejected as birth_date', () => {
    const first17 = '36030219450230123';
    expect(parseIdNumber(first17 + checkCharFor(first17))).toMatchObject({ ok: false, problem: 'birth_date' });
  });

  it('when a number is refused, then the reason is a catalogue sentence: Chinese for a zh-CN reader, the old English otherwise', () => {
    const good = makeIdNumber('360302', '1945-01-01', 123);
    const refused = parseIdNumber(good.slice(0, 17) + (good[17] === '0' ? '1' : '0'));
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused).toMatchObject({ key: 'people.idChecksum', message: 'The check character does not match (mistyped digit?).' });
    expect(render('zh-CN', refused.sentence)).toBe('身份证号校验码不符（是否有数字输错？）。');
    const date = parseIdNumber('36030219450230123' + checkCharFor('36030219450230123'));
    if (date.ok) throw new Error('expected a refusal');
    expect(render('zh-CN', date.sentence)).toBe('身份证号中的出生日期（1945-02-30）不是有效日期。');
  });

  it('when the length or characters are wrong, then it is a format problem', () => {
    expect(parseIdNumber('36030219450101')).toMatchObject({ ok: false, problem: 'format' });
    expect(parseIdNumber('3603021945010112A4')).toMatchObject({ ok: false, problem: 'format' });
  });

  it('when the sequence is odd, then the person is male', () => {
    const r = parseIdNumber(makeIdNumber('360302', '1950-07-07', 13));
    expect(r.ok && r.info.gender).toBe('male');
  });
});

describe('masking', () => {
  it('when an ID number is masked, then only the first and last four characters remain', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });
  it('when a phone is masked, then the first three and last four digits remain', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

describe('age on a local date', () => {
  it('when it is the 90th birthday itself, then the age is 90; the day before 89', () => {
    expect(ageOn('1936-11-23', '2026-11-23')).toBe(90);
    expect(ageOn('1936-11-23', '2026-11-22')).toBe(89);
  });
  it('when born on 29 Feb, then the birthday counts on 28 Feb in common years', () => {
    expect(ageOn('1936-02-29', '2026-02-28')).toBe(90);
    expect(ageOn('1936-02-29', '2026-02-27')).toBe(89);
    expect(ageOn('1936-02-29', '2028-02-28')).toBe(91);
    expect(ageOn('1936-02-29', '2028-02-29')).toBe(92);
  });
});
