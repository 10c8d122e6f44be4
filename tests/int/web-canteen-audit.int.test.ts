/// <reference lib="dom" />
// The auditors' desk in real Chromium: the findings of a month with the evidence in words, filters,
// the meals behind a finding, acknowledging with a note, and the settlement statement to sign.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { deskContext, launchBrowser, serve, signIn, staff } from '../support/browser.js';
import { createCanteen, createPerson, recordLate, servedAt, stampRecordedLive, stopListening } from '../support/canteen/api-support.js';

const ZONE = 'Asia/Shanghai';
const SHOTS = process.env.SCREENSHOTS === '1';
let env: TestEnv;
let t: TestTenant;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let page: Page;
let canteen: string;
let hopperId: string;

beforeAll(async () => {
  env = await createTestEnv('web_canteen_audit');
  t = await env.tenant({ timeZone: ZONE, locale: 'zh-CN' });
  canteen = await createCanteen(env, t, '芦溪镇社区长者食堂', { breakfast: 300, lunch: 1000, dinner: 800 });
  const live: string[] = [];
  // Ordinary October lunches, recorded at the counter as they were served.
  for (const [i, age] of [66, 74, 83, 92].entries()) {
    const p = await createPerson(env, t, { name: `居民${i + 1}`, birthDate: `${2026 - age}-01-15` });
    for (const day of ['2026-10-12', '2026-10-13', '2026-10-14']) {
      live.push((await recordLate(env, t, canteen, { personId: p.id, slot: 'lunch', servedAt: servedAt(day, `11:${10 + i}`, ZONE) })).body.id);
    }
  }
  // Planted: a diner checked out for lunch, breakfast and dinner within two minutes …
  const hopper = await createPerson(env, t, { name: '周串餐', birthDate: '1944-04-04' });
  hopperId = hopper.id;
  for (const [slot, time] of [['lunch', '13:50'], ['breakfast', '13:51'], ['dinner', '13:51']]) {
    live.push((await recordLate(env, t, canteen, { personId: hopper.id, slot, servedAt: servedAt('2026-10-15', time, ZONE) })).body.id);
  }
  await stampRecordedLive(env, live);
  // … and lunches typed in weeks later (with a manager's override).
  const late = await createPerson(env, t, { name: '吴补录', birthDate: '1950-05-05' });
  for (const day of ['2026-10-05', '2026-10-06']) await recordLate(env, t, canteen, { personId: late.id, slot: 'lunch', servedAt: servedAt(day, '12:00', ZONE) });
  const scan = await env.request.post('/audit/scans').set(bearer(t.adminToken)).send({ date: '2026-10-31' });
  expect(scan.body.byKind, JSON.stringify(scan.body)).toEqual({ back_dated: 2, slot_hopping: 1 });
  expect((await env.request.post('/settlements').set(bearer(t.adminToken)).send({ month: '2026-10' })).status).toBe(200);
  const auditor = await staff(env, t, ['auditor'], '审计员老孙');
  server = await serve(env);
  browser = await launchBrowser();
  page = await (await deskContext(browser, server.url)).newPage();
  await signIn(page, auditor.username);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await stopListening(env);
  await env?.close();
});

const rows = () => page.locator('table.audit-findings tbody tr');

describe('the auditors’ desk', { timeout: 90_000 }, () => {
  it('when the auditor opens the desk, then the planted findings are listed with their evidence in words, and nothing else', async () => {
    await page.goto('/app/canteen/audit');
    expect(await rows().count()).toBe(3);
    const hop = await rows().filter({ hasText: '串餐次' }).innerText();
    expect(hop).toContain('周串餐');
    expect(hop).toContain('1 分钟内记录了 午餐、早餐、晚餐（13:50、13:51、13:51）');
    const late = await rows().filter({ hasText: '2026-10-05' }).innerText();
    expect(late).toContain('事后补录');
    expect(late).toMatch(/2026-10-05 12:00 就餐，\d{4}-\d{2}-\d{2} \d{2}:\d{2} 才录入，晚了 \d+ 天/);
    expect(late).toContain('管理员特批理由：补录纸质台账（测试）');
    expect(await page.locator('main').innerText()).not.toContain('{');
    if (SHOTS) await page.screenshot({ path: 'docs/img/canteen-audit.png', fullPage: true });
  });

  it('when the auditor filters by kind, severity, person and date, then only matching findings remain', async () => {
    await page.locator('select[name=kind]').selectOption('slot_hopping');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => rows().count()).toBe(1);
    await page.goto('/app/canteen/audit?severity=medium');
    expect(await rows().count()).toBe(2); // back-dated with an override: medium
    await page.goto('/app/canteen/audit?from=2026-10-06&to=2026-10-31');
    expect(await rows().count()).toBe(2);
    await page.goto('/app/canteen/audit');
    await rows().filter({ hasText: '周串餐' }).getByRole('link', { name: '只看此人' }).click();
    await expect.poll(() => rows().count()).toBe(1);
    expect(page.url()).toContain(`personId=${hopperId}`);
  });

  it('when the auditor follows a finding to its meals, then each shows when it was served and when it was recorded', async () => {
    await page.goto('/app/canteen/audit?kind=slot_hopping');
    await page.getByRole('link', { name: '查看 3 条餐次' }).click();
    const table = await page.locator('table.audit-meals').innerText();
    expect(table).toContain('早餐');
    expect(table).toContain('2026-10-15 13:51');
    expect(await page.locator('table.audit-meals tbody tr').count()).toBe(3);
  });

  it('when the auditor acknowledges a finding with a note, then it shows as handled with the note and leaves the open list', async () => {
    await page.goto('/app/canteen/audit?kind=slot_hopping');
    const row = rows().first();
    await row.getByLabel('处理意见').fill('已约谈食堂负责人，收回卡片');
    await row.getByRole('button', { name: '确认已处理' }).click();
    await expect.poll(() => rows().first().innerText()).toContain('已处理');
    expect(await rows().first().innerText()).toContain('已约谈食堂负责人，收回卡片');
    const stored = await env.deps.prisma.auditFinding.findFirstOrThrow({ where: { tenantId: t.id, kind: 'slot_hopping' } });
    expect(stored.status).toBe('acknowledged');
    await page.goto('/app/canteen/audit?status=open');
    expect(await rows().count()).toBe(2);
  });

  it('when the auditor opens the month’s statement, then it reads in yuan with Chinese headings, totals by fund, rule, age tier and status, and prints without the frame', async () => {
    await page.goto('/app/canteen/audit');
    await page.locator('input[name=month]').fill('2026-10');
    await page.getByRole('button', { name: '结算单' }).click();
    const text = await page.locator('.statement').innerText();
    for (const words of ['芦溪镇社区长者食堂 2026-10 助餐补贴结算单', '一、总体情况', '二、按资金来源', '三、按补贴规则', '四、按年龄段', '五、按身份类别',
      '区级财政', '市级财政', '90岁以上：免费', '80–89岁', '应拨付补贴（元）', '食堂负责人（签字）', '稽核人员（签字）']) expect(text).toContain(words);
    // 12 ordinary lunches (1+2+3 yuan ×3, 90+ free 10 yuan ×3) + 3 hopper meals + 2 late lunches, all priced by the policy.
    const meals = await env.deps.prisma.canteenMeal.findMany({ where: { tenantId: t.id } });
    const subsidy = meals.reduce((s, m) => s + m.subsidy, 0);
    expect(text).toContain((subsidy / 100).toFixed(2));
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    if (SHOTS) await page.screenshot({ path: 'docs/img/canteen-statement.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });
});
