/// <reference lib="dom" />
// The hospital coordinator's ward board in real Chromium: admit with the Barthel score and an
// overridden level, consent signed by hand on the screen, the printed consent form, transfer,
// discharge and the printed invoice with its ZY number and the amount in capitals (大写).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { amountInCapitals } from '../../src/nursing/billing/amount-capital.js';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { deskContext, launchBrowser, serve, signIn, staff } from '../support/browser.js';
import { ZONE, dayFromToday } from '../support/nursing/api.js';

const SHOTS = process.env.SCREENSHOTS === '1';
const HOSPITAL = '萍乡市第二人民医院';
const YEAR = dayFromToday(0).slice(0, 4);

let env: TestEnv;
let dir: string;
let tenant: TestTenant;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let ctx: BrowserContext;
let page: Page;
let token: string;
const wards: Record<string, string> = {};

async function api(method: 'get' | 'post', url: string, body?: object) {
  const res = await env.request[method](url).set(bearer(token)).send(body);
  if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'files-'));
  env = await createTestEnv('web_nursing_ward', { DATA_DIR: dir });
  tenant = await env.tenant({ name: HOSPITAL, timeZone: ZONE, locale: 'zh-CN' });
  token = (await tenant.user(['hospital_coordinator'])).token;
  await api('post', '/nursing/setup/defaults');
  wards.cardio = (await api('post', '/nursing/wards', { name: '心内科', beds: ['01', '02', '03'] })).id;
  wards.neuro = (await api('post', '/nursing/wards', { name: '神经内科', beds: ['01', '02'] })).id;
  await api('post', '/people', { name: '张桂英', gender: 'female', birthDate: '1941-03-08' });
  server = await serve(env);
  browser = await launchBrowser();
  const coordinator = await staff(env, tenant, ['hospital_coordinator'], '李协调');
  ctx = await deskContext(browser, server.url);
  page = await ctx.newPage();
  page.on('dialog', (d) => void d.accept());
  await signIn(page, coordinator.username);
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  await browser?.close();
  await server?.close();
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

const row = (bed: string) => page.locator(`tr[data-bed="${bed}"]`);

describe('the coordinator’s ward board', () => {
  it('when the coordinator signs in, then the ward board of the first ward opens with every bed', async () => {
    expect(new URL(page.url()).pathname).toBe('/app/nursing/ward');
    await expect.poll(() => page.locator('h1').innerText()).toBe('病区床位 · 心内科');
    await expect.poll(() => page.locator('tr[data-bed]').count()).toBe(3);
    await expect.poll(() => row('02').innerText()).toContain('空床');
    await expect.poll(() => page.locator('.consent-rule').innerText()).toBe('没有有效的家属知情同意，照护预约不能启用，也不能为患者安排护理员。');
  }, 60_000);

  it('when a patient is admitted with a Barthel score and a lower level, then the suggestion shows and the reason is required', async () => {
    await page.getByLabel('查找患者（姓名）').fill('张桂英');
    await page.getByRole('button', { name: '查找' }).click();
    const admit = page.locator('.admit form[method=post]');
    await expect.poll(() => admit.getByLabel('患者').locator('option').allInnerTexts()).toEqual([expect.stringMatching(/^张桂英（女 \d+）$/)]);
    await admit.getByLabel('空床').selectOption({ label: '02' });
    await admit.getByLabel(/Barthel/).fill('35');
    await expect.poll(() => admit.locator('.barthel-hint').innerText()).toBe('建议等级：特级护理');
    await admit.getByLabel('护理等级').selectOption({ label: '一级护理' });
    expect(await admit.getByLabel(/调整等级的理由/).evaluate((i: HTMLInputElement) => i.required)).toBe(true);
    // Past the browser's check (a stale page), the server refuses it too — and no admission is left behind.
    await admit.getByLabel(/调整等级的理由/).evaluate((i: HTMLInputElement) => { i.required = false; });
    const refused = page.waitForResponse((r) => r.url().endsWith('/app/nursing/ward/admit'));
    await admit.getByRole('button', { name: '办理入院' }).click();
    expect((await refused).status()).toBe(400);
    await expect.poll(() => page.locator('[role=alert]').innerText()).toContain('reason');
    expect((await api('get', `/nursing/admissions?wardId=${wards.cardio}`)).items).toEqual([]);
    await page.goBack();
    await admit.getByLabel(/调整等级的理由/).fill('家属夜间陪护，白天按一级护理');
    await admit.getByLabel('护理员性别').selectOption({ label: '女' });
    await admit.getByRole('button', { name: '办理入院' }).click();
    await page.waitForURL(/\/app\/nursing\/bookings\/[0-9a-f-]+\/consent\?done=admitted$/);
    await expect.poll(() => page.locator('.notice[role=status]').innerText()).toBe('张桂英 已入院（02），请记录家属知情同意。');
    await expect.poll(() => page.locator('h1').innerText()).toBe('知情同意 · 张桂英');
    await expect.poll(() => page.locator('.consent-summary').innerText()).toContain('心内科 02 · 一级护理 · 每日 ¥120.00 · 待启用');
    await expect.poll(() => page.locator('.consent-rule.warn').innerText()).toContain('照护预约不能启用');
    expect(await page.getByRole('button', { name: '启用照护' }).count()).toBe(0);

    await page.goto(`/app/nursing/ward?ward=${wards.cardio}`);
    await expect.poll(() => row('02').innerText()).toMatch(/张桂英[\s\S]*一级护理[\s\S]*待启用[\s\S]*未签署[\s\S]*希望女/);
    await expect.poll(() => row('02').innerText()).toContain('评分建议特级护理，改为一级护理：家属夜间陪护，白天按一级护理');
  }, 90_000);

  it('when the son signs on the screen, then the consent is recorded with his drawn signature and care can start', async () => {
    await row('02').getByRole('link', { name: '知情同意' }).click();
    await page.locator('body[data-ready=true]').waitFor();
    await page.locator('#sign-name').fill('王小明');
    await page.locator('#sign-relation').fill('儿子');
    await page.getByRole('button', { name: '保存签名并记录同意' }).click();
    await expect.poll(() => page.locator('#toast').innerText()).toBe('请先在框内签名。');
    const box = (await page.locator('#sign-pad').boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 120);
    await page.mouse.down();
    for (let i = 1; i <= 14; i++) await page.mouse.move(box.x + 40 + i * 22, box.y + 120 + (i % 2 ? -50 : 40));
    await page.mouse.up();
    if (SHOTS) await page.screenshot({ path: 'docs/img/nursing-consent-sign.png', fullPage: true });
    await page.getByRole('button', { name: '保存签名并记录同意' }).click();
    await page.waitForURL(/done=signed/);
    await expect.poll(() => page.locator('.notice[role=status]').innerText()).toBe('签名已保存，同意已记录。');
    const consent = page.locator('tr.consent-row');
    await expect.poll(() => consent.innerText()).toMatch(/王小明\s+儿子\s+平板手写签名[\s\S]*有效/);
    await expect.poll(() => consent.locator('img.signature-thumb').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 100)).toBe(true);
    await page.getByRole('button', { name: '启用照护' }).click();
    await expect.poll(() => page.locator('.notice[role=status]').innerText()).toBe('照护已启用，可以安排护理员。');
    await expect.poll(() => page.locator('.consent-summary').innerText()).toContain('照护中');
  }, 90_000);

  it('when the consent form is printed, then one A4 page carries the patient, level, fee in capitals, the aide’s duties and the signature', async () => {
    const href = (await page.getByRole('link', { name: '打印知情同意书' }).getAttribute('href'))!;
    const form = await ctx.newPage();
    await form.goto(href);
    const text = await form.locator('article.consent-form').innerText();
    expect(text).toContain(HOSPITAL);
    expect(text).toContain('免陪照护服务知情同意书');
    expect(text).toMatch(/患者姓名\s*张桂英/);
    expect(text).toContain('一级护理（1 名护理员照护 2 名患者）');
    expect(text).toContain('人民币 120.00 元（大写：壹佰贰拾元整）');
    expect(text).toContain('护理员为患者做的事');
    expect(text).toContain('不从事任何医疗和护理技术操作');
    expect(text).toContain('如何撤回同意');
    expect(text).toMatch(/家属（或患者本人）签字：\s*王小明/);
    await expect.poll(() => form.locator('img.signature-img').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 100)).toBe(true);
    if (SHOTS) await form.screenshot({ path: 'docs/img/nursing-consent-form.png', fullPage: true });
    await form.emulateMedia({ media: 'print' });
    expect(await form.locator('.print-bar').isVisible()).toBe(false);
    const pdf = await form.pdf({ preferCSSPageSize: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await form.close();
  }, 90_000);

  it('when the patient moves to another ward, then the board of that ward shows her in the new bed', async () => {
    await page.goto(`/app/nursing/ward?ward=${wards.cardio}`);
    if (SHOTS) await page.screenshot({ path: 'docs/img/nursing-ward.png', fullPage: true });
    await expect.poll(() => row('02').innerText()).toMatch(/已签署[\s\S]*照护中|照护中[\s\S]*已签署/);
    await row('02').locator('summary', { hasText: '转床/转病区' }).click();
    await row('02').getByLabel('转到').selectOption({ label: '神经内科 01' });
    await row('02').getByRole('button', { name: '转床/转病区' }).click();
    await page.waitForURL(/done=transferred/);
    await expect.poll(() => page.locator('h1').innerText()).toBe('病区床位 · 神经内科');
    await expect.poll(() => page.locator('.notice[role=status]').innerText()).toContain('张桂英 已转到 神经内科 01。');
    await expect.poll(() => row('01').innerText()).toContain('张桂英');
  }, 60_000);

  it('when she is discharged, then the invoice opens with its ZY number, the hospital, the total in capitals and the signature lines', async () => {
    await row('01').getByRole('button', { name: '出院' }).click();
    await page.waitForURL(/\/app\/nursing\/invoices\/[0-9a-f-]+$/);
    const number = await page.locator('.invoice-number').innerText();
    expect(number).toBe(`ZY-${YEAR}-000001`);
    const invoiceText = await page.locator('article.invoice').innerText();
    expect(invoiceText).toContain(HOSPITAL);
    expect(invoiceText).toContain('免陪照护费用结算单');
    expect(invoiceText).toContain('张桂英');
    const total = await page.locator('.invoice-total').innerText();
    expect(total).toBe('120.00');
    expect(await page.locator('.invoice-capitals').innerText()).toBe(amountInCapitals(12000));
    expect(amountInCapitals(12000)).toBe('壹佰贰拾元整');
    for (const line of ['缴款人（签字）', '收款人', '复核人', '开票人', '收款单位（盖章）']) expect(invoiceText).toContain(line);
    // The family's rating code for the stay (residents' voice).
    expect(await page.locator('.rate-qr svg').count()).toBe(1);
    expect(invoiceText).toContain('扫码评价');
    if (SHOTS) await page.screenshot({ path: 'docs/img/nursing-invoice.png', fullPage: true });
    await page.goto('/app/nursing/invoices');
    await expect.poll(() => page.locator('table.invoices').innerText()).toContain(number);
    await page.goto(`/app/nursing/ward?ward=${wards.neuro}`);
    await expect.poll(() => row('01').innerText()).toContain('空床');
    await expect.poll(() => page.locator('.discharged').innerText()).toContain(`张桂英 结算单 ${number}`);
  }, 60_000);

  it('when the family revokes, then the consent shows as revoked with the reason, care is suspended and the board says not signed', async () => {
    const person = await api('post', '/people', { name: '刘德福', gender: 'male', birthDate: '1938-11-02' });
    const admission = await api('post', '/nursing/admissions', { personId: person.id, wardId: wards.cardio, bedCode: '03' });
    const booking = await api('post', '/nursing/bookings', {
      admissionId: admission.id, barthelScore: 70, consent: { signerName: '刘小红', relation: '女儿', method: 'paper' }, activate: true,
    });
    await page.goto(`/app/nursing/bookings/${booking.id}/consent`);
    await expect.poll(() => page.locator('tr.consent-row').innerText()).toMatch(/刘小红\s+女儿\s+纸质签字[\s\S]*有效/);
    // A form sent twice (a double tap, a retry after a lost answer) records once: the same one-time key.
    const record = page.locator(`form[action="/app/nursing/bookings/${booking.id}/consents"]`);
    const form = {
      _csrf: await record.locator('input[name=_csrf]').inputValue(), _key: await record.locator('input[name=_key]').inputValue(),
      signerName: '刘小红', relation: '女儿', method: 'verbal',
    };
    for (let i = 0; i < 2; i++) {
      const sent = await page.request.post(`/app/nursing/bookings/${booking.id}/consents`, { form, maxRedirects: 0 });
      expect(sent.status()).toBe(303);
      expect(sent.headers().location).toBe(`/app/nursing/bookings/${booking.id}/consent?done=recorded`);
    }
    expect((await api('get', `/nursing/bookings/${booking.id}`)).consents.map((c: { method: string }) => c.method)).toEqual(['paper', 'verbal']);
    await api('post', `/nursing/bookings/${booking.id}/consents/${(await api('get', `/nursing/bookings/${booking.id}`)).consents[1].id}/revoke`, { reason: '重复记录' });
    await page.reload();
    const active = page.locator('tr.consent-row', { hasText: '纸质签字' });
    await active.getByLabel('撤回原因').fill('家属自行陪护');
    await active.getByRole('button', { name: '撤回同意' }).click();
    await page.waitForURL(/done=revoked/);
    await expect.poll(() => page.locator('.notice[role=status]').innerText()).toContain('同意已撤回。');
    await expect.poll(() => page.locator('tr.consent-row', { hasText: '纸质签字' }).innerText()).toMatch(/已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 撤回：家属自行陪护/);
    await expect.poll(() => page.locator('.consent-summary').innerText()).toContain('待启用');
    await expect.poll(() => page.locator('.consent-rule.warn').innerText()).toContain('不能为患者安排护理员');
    await page.goto(`/app/nursing/ward?ward=${wards.cardio}`);
    await expect.poll(() => row('03').innerText()).toMatch(/刘德福[\s\S]*二级护理[\s\S]*待启用[\s\S]*未签署/);
  }, 60_000);
});
