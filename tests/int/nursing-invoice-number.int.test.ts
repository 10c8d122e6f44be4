import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amountInCapitals } from '../../src/nursing/billing/amount-capital.js';
import { createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { at, dayFromToday, hospital, patient } from '../support/nursing/api.js';
import type { Hospital } from '../support/nursing/api.js';

// A 1×1 PNG, as signature_pad would send a (very small) drawing.
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const YEAR = dayFromToday(0).slice(0, 4);

let env: TestEnv;
let dir: string;
let h: Hospital;
let other: Hospital;
let ward: { id: string };
let otherWard: { id: string };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'files-'));
  env = await createTestEnv('nursing_invoice_number', { DATA_DIR: dir });
  h = await hospital(env);
  other = await hospital(env);
  ward = await h.ok('post', '/nursing/wards', { name: '骨科病区', beds: Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0')) });
  otherWard = await other.ok('post', '/nursing/wards', { name: '内科', beds: ['01'] });
}, 60_000);
afterAll(async () => {
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

const stay = (x: Hospital, wardId: string, bed: string) =>
  patient(x, { wardId, bed, barthel: 50, admittedAt: at(dayFromToday(-3), '09:00'), signedAt: at(dayFromToday(-3), '09:30') });

describe('readable invoice numbers', () => {
  it('when patients are discharged, then invoices are numbered ZY-<year>-000001, 000002 … per hospital, with the total in capitals', async () => {
    const first = await stay(h, ward.id, '01');
    const second = await stay(h, ward.id, '02');
    const a = (await h.ok('post', `/nursing/admissions/${first.admissionId}/discharge`, {})).invoices[0];
    const b = (await h.ok('post', `/nursing/admissions/${second.admissionId}/discharge`, {})).invoices[0];
    expect(a.number).toBe(`ZY-${YEAR}-000001`);
    expect(b.number).toBe(`ZY-${YEAR}-000002`);
    expect(a.totalInCapitals).toBe(amountInCapitals(a.totalFee));
    expect(a.totalInCapitals).toMatch(/元整$/);
    // Another hospital counts on its own.
    const theirs = await stay(other, otherWard.id, '01');
    expect((await other.ok('post', `/nursing/admissions/${theirs.admissionId}/discharge`, {})).invoices[0].number).toBe(`ZY-${YEAR}-000001`);
    // The number is the same wherever the invoice is read; the printable HTML carries it and the capitals.
    expect((await h.ok('get', `/nursing/invoices/${a.id}`)).number).toBe(a.number);
    expect((await h.ok('get', '/nursing/invoices')).items.map((i: { number: string }) => i.number)).toEqual([b.number, a.number]);
    const page = await h.call('get', `/nursing/invoices/${a.id}/html`);
    expect(page.text).toContain(a.number);
    expect(page.text).toContain(a.totalInCapitals);
  });

  it('when several patients are discharged at the same moment, then every invoice gets its own consecutive number', async () => {
    const stays = [];
    for (const bed of ['03', '04', '05', '06', '07']) stays.push(await stay(h, ward.id, bed));
    const outs = await Promise.all(stays.map((s) => h.ok('post', `/nursing/admissions/${s.admissionId}/discharge`, {})));
    const numbers = outs.map((o) => o.invoices[0].number as string).sort();
    expect(numbers).toEqual([3, 4, 5, 6, 7].map((n) => `ZY-${YEAR}-00000${n}`));
  }, 60_000);

  it('when a booking never became active, then no invoice and no number is used up', async () => {
    const unconsented = await patient(h, { wardId: ward.id, bed: '08', barthel: 50, consent: false });
    const out = await h.ok('post', `/nursing/admissions/${unconsented.admissionId}/discharge`, {});
    expect(out.invoices).toEqual([]);
    const next = await stay(h, ward.id, '09');
    expect((await h.ok('post', `/nursing/admissions/${next.admissionId}/discharge`, {})).invoices[0].number).toBe(`ZY-${YEAR}-000008`);
  });
});

describe('consent signed by hand on a tablet', () => {
  it('when the signer draws a signature, then the consent is recorded as electronic with the PNG kept in the file store', async () => {
    const b = await patient(h, { wardId: ward.id, bed: '10', barthel: 30, consent: false });
    expect(b.consentActive).toBe(false);
    const signed = await h.call('post', `/nursing/bookings/${b.id}/consents/signed`, { signerName: '王小明', relation: '儿子', image: PNG });
    expect(signed.status).toBe(201);
    expect(signed.body.consentActive).toBe(true);
    const consent = signed.body.consents[0];
    expect(consent).toMatchObject({ signerName: '王小明', relation: '儿子', method: 'electronic', hasSignature: true, active: true });
    const image = await env.request.get(`/nursing/bookings/${b.id}/consents/${consent.id}/signature`).set({ Authorization: `Bearer ${h.coord.token}` }).buffer(true);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toMatch(/image\/png/);
    expect([...image.body.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    // Another hospital does not see it.
    expect((await other.call('get', `/nursing/bookings/${b.id}/consents/${consent.id}/signature`)).status).toBe(404);
    expect((await h.call('post', `/nursing/bookings/${b.id}/activate`)).status).toBe(200);
  });

  it('when the image is not a PNG or the signer is missing, then 400 names the field and nothing is recorded', async () => {
    const b = await patient(h, { wardId: ward.id, bed: '11', barthel: 30, consent: false });
    const jpeg = await h.call('post', `/nursing/bookings/${b.id}/consents/signed`, { signerName: '李四', relation: '女儿', image: `data:image/png;base64,${Buffer.from([0xff, 0xd8, 0xff, 0, 1, 2]).toString('base64')}` });
    expect(jpeg.status).toBe(400);
    expect(jpeg.body.errors[0].path).toBe('body.image');
    const noName = await h.call('post', `/nursing/bookings/${b.id}/consents/signed`, { relation: '女儿', image: PNG });
    expect(noName.status).toBe(400);
    expect(noName.body.errors[0].path).toBe('body.signerName');
    expect((await h.ok('get', `/nursing/bookings/${b.id}`)).consents).toEqual([]);
    const paper = (await h.ok('post', `/nursing/bookings/${b.id}/consents`, { signerName: '李四', relation: '女儿', method: 'paper' })).consents[0];
    expect(paper.hasSignature).toBe(false);
    expect((await h.call('get', `/nursing/bookings/${b.id}/consents/${paper.id}/signature`)).status).toBe(404);
  });
});
