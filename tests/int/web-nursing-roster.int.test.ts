/// <reference lib="dom" />
// The coordinator's roster board in real Chromium: roster a week (progress shown), the aides ×
// days grid with wards, patients and hours, gaps with their reason, sick leave then re-roster with
// the changes by name, and a manual assignment refused and accepted with the API's own rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { deskContext, launchBrowser, serve, signIn, staff } from '../support/browser.js';
import { aide, hospital, ZONE } from '../support/nursing/api.js';
import type { Hospital } from '../support/nursing/api.js';

let env: TestEnv;
let h: Hospital;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let ctx: BrowserContext;
let page: Page;
let ward: { id: string };
const aides: Record<string, { id: string; name: string }> = {};
const bookings: Record<string, { id: string }> = {};
// Next week, Monday to Sunday: every shift is still to come, so the roster may change all of them.
const MON = DateTime.now().setZone(ZONE).plus({ weeks: 1 }).startOf('week').toISODate()!;
const day = (k: number) => DateTime.fromISO(MON).plus({ days: k }).toISODate()!;
const SUN = day(6);
const BOARD = `/app/nursing/roster?from=${MON}&to=${SUN}`;

/** A named patient in a bed with consented, active care. */
async function patient(name: string, bed: string, barthel: number, extra: Record<string, unknown> = {}) {
  const p = await h.ok('post', '/people', { name, gender: extra.gender ?? 'female', birthDate: '1941-03-02' });
  const adm = await h.ok('post', '/nursing/admissions', { personId: p.id, wardId: ward.id, bedCode: bed });
  const { gender: _g, ...booking } = extra;
  return h.ok('post', '/nursing/bookings', {
    admissionId: adm.id, barthelScore: barthel, consent: { signerName: '家属', relation: '女儿', method: 'paper' }, activate: true, ...booking,
  });
}

beforeAll(async () => {
  env = await createTestEnv('web_nursing_roster');
  env.startWorkers();
  h = await hospital(env);
  ward = await h.ok('post', '/nursing/wards', { name: '老年科', beds: ['01', '02', '03', '04'] });
  for (const name of ['王芳', '李娜', '张敏', '刘洋']) aides[name] = await aide(h, { name, homeWardIds: [ward.id] });
  bookings['张秀兰'] = await patient('张秀兰', '01', 70);
  bookings['陈桂英'] = await patient('陈桂英', '02', 75);
  await patient('赵玉珍', '03', 65);
  // Needs a man from Saturday on; no aide is one: the board shows the gap and why.
  await patient('孙建国', '04', 90, { gender: 'male', genderPreference: 'male', genderRequired: true, startDate: day(5) });
  server = await serve(env);
  browser = await launchBrowser();
  const coordinator = await staff(env, h.tenant, ['hospital_coordinator'], '周协调');
  ctx = await deskContext(browser, server.url);
  page = await ctx.newPage();
  await signIn(page, coordinator.username, undefined, BOARD);
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  await browser?.close();
  await server?.close();
  await env?.close();
});

/** What a person sees, polled generously: the machine running the tests may be busy. */
const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout, interval: 100 });
const ready = () => page.locator('body[data-ready=true]').waitFor();
const runIdOf = () => new URL(page.url()).searchParams.get('run');
const gridRow = (name: string) => page.locator('#rb-grid tbody tr', { has: page.locator('th', { hasText: name }) });

describe('roster board', () => {
  it('when the coordinator opens a week with no roster, then every patient-shift is a gap that says it is not rostered yet', async () => {
    await ready();
    await poll(() => page.locator('h1').innerText()).toContain('护理排班表');
    await poll(() => page.locator('#rb-figures').innerText()).toContain('覆盖 0 / 46 个患者班次');
    await poll(() => page.locator('.rb-gaps').innerText()).toContain('尚未排班');
    expect(await page.locator('#rb-grid thead').innerText()).toContain('白班');
  });

  it('when the coordinator rosters the week, then progress shows and the grid fills with wards, patients, loads and hours against the limit', async () => {
    await page.getByRole('button', { name: '为这段日期排班' }).click();
    await poll(() => page.locator('#rb-progress').isVisible()).toBe(true);
    await page.waitForURL((u) => u.searchParams.has('run'), { timeout: 90_000 });
    await ready();
    // 3 patients × 14 shifts covered; 孙建国's 4 shifts (Sat, Sun) have no male aide.
    await poll(() => page.locator('#rb-figures').innerText()).toContain('覆盖 42 / 46 个患者班次');
    const grid = await page.locator('#rb-grid').innerText();
    for (const name of ['王芳', '李娜', '张敏', '刘洋', '张秀兰（01 床）', '老年科', '负荷 1']) expect(grid).toContain(name);
    expect(await gridRow('王芳').locator('.rb-hours').first().innerText()).toMatch(/小时/);
    expect(await gridRow('王芳').locator('.rb-hours').first().innerText()).toMatch(/\/ 60 小时/);
    const gaps = await page.locator('.rb-gaps').innerText();
    expect(gaps).toContain('孙建国（04 床）');
    expect(gaps).toContain('没有符合性别要求的空闲护理员');
    await poll(() => page.locator('#rb-figures').innerText()).toContain('连续性');
    await page.screenshot({ path: 'docs/img/nursing-roster-week.png', fullPage: true });
  }, 120_000);

  it('when an aide calls in sick for Wednesday and the week is re-rostered, then the board says by name who lost which patient and who took over', async () => {
    const wed = await h.ok('get', `/nursing/assignments?from=${day(2)}&to=${day(2)}`);
    const sick = wed.items[0] as { aideId: string; aideName: string; patientName: string };
    const firstRun = runIdOf();
    await page.locator('#rb-leave select[name=aideId]').selectOption(sick.aideId);
    await page.locator('#rb-leave input[name=from]').fill(day(2));
    await page.locator('#rb-leave input[name=to]').fill(day(2));
    await page.getByRole('button', { name: '记录病假并重新排班' }).click();
    await page.waitForURL((u) => !!u.searchParams.get('run') && u.searchParams.get('run') !== firstRun, { timeout: 90_000 });
    await ready();
    const block = page.locator('.rb-change', { has: page.locator('h3', { hasText: sick.aideName }) });
    await poll(() => block.innerText()).toContain('不再负责');
    const lost = await block.innerText();
    expect(lost).toContain(sick.patientName);
    expect(lost).toMatch(/周三 白班|周三 夜班|周二 夜班/);
    expect(lost).toMatch(/由 .+ 接手（因请假）/);
    const changes = await page.locator('#rb-changes').innerText();
    expect(changes).toContain('新接手');
    expect(changes).toContain(`原由 ${sick.aideName} 负责（因请假）`);
    // The sick aide works no shift touching Wednesday, and the day is marked as leave.
    expect(await gridRow(sick.aideName).locator('.rb-leave').count()).toBeGreaterThan(0);
    await poll(() => page.locator('#rb-figures').innerText()).toContain('覆盖 42 / 46 个患者班次');
    await page.locator('#rb-changes').screenshot({ path: 'docs/img/nursing-roster-changes.png' });
  }, 120_000);

  it('when the coordinator assigns a gap by hand to an aide a rule forbids, then the dialog says why; a fitting aide is accepted', async () => {
    const gap = page.locator('.rb-assign', { hasText: '孙建国' }).first();
    await gap.click();
    await page.locator('#rb-assign select').selectOption(aides['王芳'].id);
    await page.locator('#rb-assign').getByRole('button', { name: '安排' }).click();
    await poll(() => page.locator('#rb-assign-error').innerText()).toContain('患者要求男性护理员');
    await page.locator('#rb-assign-dialog').screenshot({ path: 'docs/img/nursing-roster-refused.png' });
    await page.getByRole('button', { name: '取消' }).click();

    await aide(h, { name: '周强', gender: 'male', homeWardIds: [ward.id] });
    await page.reload();
    await ready();
    await page.locator('.rb-assign', { hasText: '孙建国' }).first().click();
    await page.locator('#rb-assign select').selectOption({ label: '周强' });
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await page.locator('#rb-assign').getByRole('button', { name: '安排' }).click();
    await reloaded;
    await ready();
    await poll(() => gridRow('周强').innerText()).toContain('孙建国');
    await poll(() => page.locator('#rb-figures').innerText()).toContain('覆盖 43 / 46 个患者班次');
  }, 60_000);

  it('when leave takes an aide off Friday and nobody has re-rostered yet, then the gaps say whose shifts they were', async () => {
    const fri = await h.ok('get', `/nursing/assignments?from=${day(4)}&to=${day(4)}`);
    const away = fri.items.find((x: { patientName: string }) => x.patientName === '张秀兰') as { aideId: string; aideName: string };
    const left = await h.ok('post', `/nursing/aides/${away.aideId}/leave`, { dates: [day(4)], reason: '病假' });
    expect(left.removedAssignments).toBeGreaterThan(0);
    await page.reload();
    await ready();
    await poll(() => page.locator('.rb-gaps').innerText()).toContain(`原护理员 ${away.aideName} 已不能上班（请假或调整），请重新排班。`);
    expect(await page.locator('.rb-gaps').innerText()).toContain('张秀兰（01 床）');
  }, 60_000);

  it('when families rate two stays this month, then the board shows the ward’s and each aide’s figures and the low rating with its comment, as the ward board does', async () => {
    const rate = (name: string, attitude: number, skill: number, comment?: string) => h.ok('post', '/voice/ratings', {
      subjectKind: 'nursing_stay', subjectId: bookings[name].id, scores: { attitude, skill }, raterKind: 'family', ...(comment ? { comment } : {}) });
    const low = await rate('张秀兰', 2, 1, '换药不够细心'); // 1.5 stars
    await rate('陈桂英', 5, 4); // 4.5 stars
    await page.reload();
    await ready();
    const card = page.locator('.ward-voice');
    const month = DateTime.now().setZone(ZONE).toFormat('yyyy-LL');
    await poll(() => card.locator('h2').innerText()).toContain(`群众评价 · ${month}`);
    const wardRow = card.locator(`tr[data-voice="ward"][data-ward="${ward.id}"]`);
    expect(await wardRow.locator('th').innerText()).toBe('病区 老年科');
    // 2 ratings, mean 3.0 stars, 1 of 2 satisfied; no reports, so no response rates.
    expect((await wardRow.locator('td').allInnerTexts()).map((x) => x.trim())).toEqual(['2', '3.0', '50%', '0', '—', '—']);
    const lowAide = Object.values(aides).find((a) => a.id === low.staffId)!;
    expect(await card.locator(`tr[data-voice-aide="${lowAide.id}"] th`).innerText()).toBe(`护理员 ${lowAide.name}`);
    const line = card.locator('.voice-low li');
    expect(await line.count()).toBe(1);
    expect(await line.innerText()).toContain(`老年科 · ${low.serviceDate} · 张秀兰 · ${lowAide.name}：1.5 星`);
    expect(await line.locator('.comment').innerText()).toBe('换药不够细心');
  }, 60_000);

  it('when a care aide or a stranger opens the board, then it is refused', async () => {
    const aideUser = await staff(env, h.tenant, ['care_aide'], '护理员');
    const other = await deskContext(browser, server.url);
    const p2 = await other.newPage();
    await signIn(p2, aideUser.username, undefined, BOARD);
    const res = await p2.goto(BOARD);
    expect(res?.status()).toBe(403);
    await poll(() => p2.getByRole('alert').innerText()).toContain('您的角色不能打开这个页面');
    await other.close();
    const bad = await page.goto('/app/nursing/roster?from=2026-01-01&to=2026-03-01');
    expect(bad?.status()).toBe(400);
  }, 60_000);
});
