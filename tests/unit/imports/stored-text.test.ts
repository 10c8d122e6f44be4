import { describe, expect, it } from 'vitest';
import { defineMessages, render, say } from '../../../src/i18n/index.js';
import { readErrorText, renderStored, storeErrorText, storeText } from '../../../src/imports/stored-text.js';

const M = defineMessages('test.storedText', {
  outer: { zh: '第 {row} 行：{why}', en: 'Row {row}: {why}' },
  inner: { zh: '“{name}”为空', en: "'{name}' is empty" },
  item: { zh: '甲', en: 'A' },
  list: { zh: '缺少：{items}', en: 'Missing: {items}' },
});

describe('sentences stored by a background job', () => {
  it('when a sentence with nested and listed params is stored as JSON and read back, then it renders in either locale', () => {
    const stored = JSON.parse(JSON.stringify(storeText(say(M.outer, { row: 3, why: say(M.inner, { name: '身份证号' }) }))));
    expect(renderStored('zh-CN', stored)).toBe('第 3 行：“身份证号”为空');
    expect(renderStored('en', stored)).toBe("Row 3: '身份证号' is empty");
    const list = JSON.parse(JSON.stringify(storeText(say(M.list, { items: [say(M.item), say(M.item)] }))));
    expect(renderStored('zh-CN', list)).toBe('缺少：甲、甲');
  });

  it('when plain text or a catalogue key is stored, then text stays as it is and a key becomes its sentence', () => {
    expect(storeText('Invalid input')).toBe('Invalid input');
    expect(renderStored('zh-CN', storeText(M.item.key))).toBe('甲');
    expect(renderStored('zh-CN', 'an older row')).toBe('an older row');
  });

  it('when a run error is kept in its string column, then it reads back as the sentence; an old plain error stays', () => {
    const column = storeErrorText(say(M.inner, { name: 'x' }));
    expect(render('zh-CN', readErrorText(column))).toBe('“x”为空');
    expect(render('en', readErrorText('connection reset'))).toBe('connection reset');
  });
});
