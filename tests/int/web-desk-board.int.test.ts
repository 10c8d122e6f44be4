/// <reference lib="dom" />
// The kitchen manager's day screens in real Chromium (zh-CN): the live board changing as a
// driver records outcomes through the API, the welfare alert it raises handled in the inbox,
// a recipient found and their allergies edited, a resident sheet imported with its report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { makeIdNumber } from '../../src/people/id-card.js';
import { today } from '../../src/time/index.js';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { deskContext, launchBrowser, serve, signIn, staff } from '../support/browser.js';
import { afternoonZone, createWorld, generate, planAndWait } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';

let env: TestEnv;
let w: World;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let ctx: BrowserContext;
let page: Page;
let plan: { routes: { id: string; routeNo: number; driverUserId: string; stops: { id: string; orderId: string; name: string; stopNo: number }[] }[] };
const TZ = afternoonZone();
const DAY = today(TZ);
const SHOTS = process.env.SCREENSHOTS === '1';

beforeAll(async () => {
  // No wait before a not-home door becomes a welfare alert: the inbox fills while we watch.
  env = await createTestEnv('web-desk-board', { WELFARE_DELAY_SECONDS: '0' });
  env.startWorkers();
  w = await createWorld(env, { recipients: 8, vehicles: [{ capacity: 20 }, { capacity: 20 }], locale: 'zh-CN', timeZone: TZ });
  await generate(env, w, DAY);
  plan = await planAndWait(env, w, DAY);
  expect((await env.request.post(`/delivery/route-plans/${(plan as unknown as { id: string }).id}/publish`).set(bearer(w.manager.token))).status).toBe(200);
  server = await serve(env);
  browser = await launchBrowser();
  const manager = await staff(env, w.t, ['kitchen_manager'], '王经理');
  ctx = await deskContext(browser, server.url);
  page = await ctx.newPage();
  await signIn(page, manager.username);
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  await browser?.close();
  await server?.close();
  await env?.close();
});

const routeOf = (i: number) => plan.routes.filter((r) => r.stops.length)[i];
const driverToken = (userId: string) => w.drivers.find((d) => d.id === userId)!.token;
async function tap(routeIndex: number, stopIndex: number, status: 'delivered' | 'not_home', note?: string) {
  const r = routeOf(routeIndex);
  const res = await env.request.post(`/delivery/stops/${r.stops[stopIndex].id}/outcome`).set(bearer(driverToken(r.driverUserId))).send({ status, note });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}
const figure = (label: string) => page.locator('.board-fig', { hasText: label }).locator('b').innerText();
const routeCard = (i: number) => page.locator(`[data-route-id="${routeOf(i).id}"]`);
const POLL = { timeout: 40_000, interval: 500 };

describe('live day board', () => {
  it('when the manager opens the board, then each driver’s progress, next door and the day’s figures show in Chinese', async () => {
    await page.goto(`/app/desk/board?kitchen=${w.kitchenId}&date=${DAY}&slot=lunch`);
    await page.locator('body[data-ready=true]').waitFor();
    expect(await figure('订单')).toBe('8');
    expect(await figure('已送达')).toBe('0');
    const first = routeOf(0);
    await expect.poll(() => routeCard(0).innerText()).toContain(`已完成 0/${first.stops.length}`);
    expect(await routeCard(0).innerText()).toContain(`下一站：${first.stops[0].name}`);
    // Afternoon in this zone: the lunch doors still pending are past their ETA, so they show as late.
    expect(await routeCard(0).innerText()).toMatch(/晚点 \d+ 站/);
    expect(await page.locator('#board-status').innerText()).toContain('每 15 秒自动刷新');
    expect(await page.locator('#main').innerText()).not.toMatch(/\bpending\b|\bdelivered\b|undefined/);
  });

  it('when a driver records delivered and not home through the API, then the board changes by itself and the welfare alert shows', async () => {
    const stamp = await page.locator('body').getAttribute('data-board-at');
    await tap(0, 0, 'delivered');
    await tap(0, 1, 'not_home', '敲门无人应答');
    const r = routeOf(0);
    // No reload: the page polls the board every 15 s.
    await expect.poll(() => routeCard(0).innerText(), POLL).toContain(`已完成 2/${r.stops.length}`);
    expect(await page.locator('body').getAttribute('data-board-at')).not.toBe(stamp);
    expect(await figure('已送达')).toBe('1');
    expect(await figure('不在家')).toBe('1');
    expect(await routeCard(0).innerText()).toContain('不在家 1 户');
    expect(await routeCard(0).innerText()).toContain(`下一站：${r.stops[2].name}`);
    await expect.poll(() => page.locator('#board-alerts').innerText(), POLL).toContain(r.stops[1].name);
    expect(await figure('未结关怀提醒')).toBe('1');
    if (SHOTS) await page.screenshot({ path: 'docs/img/board-day.png', fullPage: true });
  });
});

describe('welfare alerts inbox', () => {
  it('when the manager opens the alert, then who to call shows with full numbers; acknowledging and resolving with a note closes it', async () => {
    const name = routeOf(0).stops[1].name;
    await page.goto('/app/desk/alerts');
    const card = page.locator('.alert-card', { hasText: name });
    const text = await card.innerText();
    expect(text).toContain('待处理');
    expect(text).toContain('网格员：Grid Li');
    expect(text).toContain('13911112222');
    expect(text).toContain('紧急联系人：Daughter Wang');
    expect(text).toContain('送餐员备注：敲门无人应答');
    expect(await card.locator('a.tel').first().getAttribute('href')).toMatch(/^tel:\d{11}$/);
    if (SHOTS) await page.screenshot({ path: 'docs/img/board-alerts.png', fullPage: true });

    await card.getByRole('button', { name: '我来处理' }).click();
    await expect.poll(() => page.locator('.notice').innerText()).toContain(`已标记为处理中：${name}`);
    expect(await page.locator('.alert-card', { hasText: name }).innerText()).toMatch(/处理中[\s\S]*由 王经理 处理/);

    // The browser refuses an empty note (required); the server refuses one of spaces too.
    const form = page.locator('.alert-card', { hasText: name }).locator('form[action$="/resolve"]');
    await form.locator('textarea').fill('   ');
    await form.getByRole('button', { name: '记录结果并关闭' }).click();
    await expect.poll(() => page.locator('#main').innerText()).toContain('body.note');
    expect((await env.deps.prisma.welfareAlert.findFirstOrThrow({ where: { routeStopId: routeOf(0).stops[1].id } })).status).toBe('acknowledged');
    await page.goto('/app/desk/alerts');
    const again = page.locator('.alert-card', { hasText: name }).locator('form[action$="/resolve"]');
    await again.locator('textarea').fill('已联系女儿：老人去医院复查了，平安。');
    await again.getByRole('button', { name: '记录结果并关闭' }).click();
    await expect.poll(() => page.locator('.notice').innerText()).toContain(`已关闭：${name}`);
    expect(await page.locator('.alert-card', { hasText: name }).count()).toBe(0);
    expect(await page.locator('#alerts').innerText()).toContain('没有待处理的关怀提醒');

    await page.getByRole('link', { name: '查看已解决' }).click();
    expect(await page.locator('.alert-card', { hasText: name }).innerText()).toContain('由 王经理 关闭：已联系女儿');
    const stored = await env.deps.prisma.welfareAlert.findFirstOrThrow({ where: { routeStopId: routeOf(0).stops[1].id } });
    expect(stored).toMatchObject({ status: 'resolved', resolutionNote: '已联系女儿：老人去医院复查了，平安。' });
  });

  it('when the alert is resolved, then the board’s open alerts drop back to 0 at its next refresh', async () => {
    await page.goto(`/app/desk/board?kitchen=${w.kitchenId}&date=${DAY}&slot=lunch`);
    await page.locator('body[data-ready=true]').waitFor();
    expect(await figure('未结关怀提醒')).toBe('0');
    await tap(0, 2, 'delivered');
    await expect.poll(() => figure('已送达'), POLL).toBe('2');
  });

  it('when a family rates a delivered meal low, then the board lists it with the comment and the month’s satisfaction', async () => {
    expect(await page.locator('.board-satisfaction').innerText()).toBe('本月尚无评价');
    const r = routeOf(0);
    const low = await env.request.post('/voice/ratings').set(bearer(w.manager.token))
      .send({ subjectKind: 'meal', subjectId: r.stops[0].orderId, scores: { taste: 2, temperature: 1, punctuality: 3 }, comment: '饭是凉的', raterKind: 'family' });
    expect(low.status, JSON.stringify(low.body)).toBe(200);
    const good = await env.request.post('/voice/ratings').set(bearer(w.manager.token))
      .send({ subjectKind: 'meal', subjectId: r.stops[2].orderId, scores: { taste: 5, temperature: 4, punctuality: 5 } });
    expect(good.status).toBe(200);
    await expect.poll(() => page.locator('#board-ratings').innerText(), POLL).toContain('今天的差评');
    const text = await page.locator('#board-ratings').innerText();
    expect(text).toContain(`${r.routeNo} 号线 第 ${r.stops[0].stopNo} 站 ${r.stops[0].name}：2.0 星`);
    expect(text).toContain('饭是凉的');
    expect(text).not.toContain(r.stops[2].name);
    expect(text).toContain('本月满意率 50%（2 条评价）');
  });
});

describe('recipients', () => {
  it('when the manager searches a name and edits the allergies, then the profile is saved (audited) and shows the new allergies', async () => {
    const target = w.recipients[3];
    await page.goto('/app/desk/recipients');
    await page.getByLabel('按姓名搜索').fill(target.name);
    await page.getByRole('button', { name: '搜索' }).click();
    await expect.poll(() => page.locator('.rcp-list tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: target.name }).click();
    await page.getByLabel(/^过敏/).fill('花生、虾');
    await page.getByLabel(/^入户提示/).fill('耳背，请用力敲门');
    if (SHOTS) await page.screenshot({ path: 'docs/img/board-recipient.png', fullPage: true });
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('.notice').innerText()).toContain(`已保存 ${target.name} 的资料`);
    expect(await page.getByLabel(/^过敏/).inputValue()).toBe('花生、虾');
    const api = await env.request.get(`/delivery/recipients/${target.id}`).set(bearer(w.manager.token));
    expect(api.body).toMatchObject({ allergies: ['花生', '虾'], accessNotes: '耳背，请用力敲门' });
    expect(api.body.emergencyContacts).toEqual([{ name: 'Daughter Wang', relation: 'daughter', phone: '13722223333' }]);
    expect(await env.deps.prisma.auditLog.count({ where: { entity: 'Recipient', entityId: target.id, action: 'recipient.update' } })).toBe(1);
  });

  it('when a contact phone is not a phone number, then the page names the field and nothing is written', async () => {
    const target = w.recipients[3];
    await page.goto(`/app/desk/recipients/${target.id}`);
    await page.getByLabel(/^过敏/).fill('鸡蛋');
    await page.locator('input[name=contactPhone]').nth(1).fill('not-a-phone');
    await page.locator('input[name=contactName]').nth(1).fill('Son Li');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('[role=alert]').innerText()).toBeTruthy();
    expect(await page.locator('#main').innerText()).toContain('emergencyContacts.1.phone');
    const api = await env.request.get(`/delivery/recipients/${target.id}`).set(bearer(w.manager.token));
    expect(api.body.allergies).toEqual(['花生', '虾']);
  });

  it('when a hold is added on the page, then today’s order is cancelled and the hold is listed; deleting it restores the order', async () => {
    // Someone whose door nobody has tapped yet today.
    const tapped = new Set([routeOf(0).stops[0].name, routeOf(0).stops[1].name, routeOf(0).stops[2].name]);
    const target = w.recipients.find((r) => !tapped.has(r.name) && r !== w.recipients[3])!;
    await page.goto(`/app/desk/recipients/${target.id}`);
    await page.getByText('新增暂停').first().click();
    await page.locator('#rcp-holds select[name=reason]').selectOption('hospitalised');
    await page.locator('#rcp-holds').getByRole('button', { name: '新增暂停' }).click();
    await expect.poll(() => page.locator('.notice').innerText()).toContain('已暂停送餐，取消了 1 份已生成的订单');
    expect(await page.locator('#rcp-holds').innerText()).toContain(`${DAY} 至 ${DAY} · 住院`);
    await page.locator('#rcp-holds').getByRole('button', { name: '删除暂停' }).click();
    await expect.poll(() => page.locator('.notice').innerText()).toContain('已删除暂停，恢复了 1 份订单');
    expect(await page.locator('#rcp-holds').innerText()).toContain('没有暂停');
  });
  it('when a dinner plan is added and then given an end date on the page, then both are stored and listed', async () => {
    const target = w.recipients[3];
    await page.goto(`/app/desk/recipients/${target.id}`);
    await page.locator('#rcp-plans summary').click();
    const form = page.locator('#rcp-plans form[action$="/plans"]');
    await form.locator('input[name=slotCodes][value=lunch]').uncheck();
    await form.locator('input[name=slotCodes][value=dinner]').check();
    await form.getByRole('button', { name: '新增订餐计划' }).click();
    await expect.poll(() => page.locator('.notice').innerText()).toContain('已新增订餐计划');
    const dinner = page.locator('#rcp-plans li', { hasText: '晚餐' });
    expect(await dinner.innerText()).toContain(`一 二 三 四 五 · 从 ${DAY} 起 · 每次 1 份`);
    await dinner.locator('input[name=endDate]').fill('2099-12-31');
    await dinner.getByRole('button', { name: '设定结束日期' }).click();
    await expect.poll(() => page.locator('.notice').innerText()).toContain('已更新订餐计划的结束日期');
    expect(await page.locator('#rcp-plans li', { hasText: '晚餐' }).innerText()).toContain('至 2099-12-31');
    const plans = (await env.request.get(`/delivery/recipients/${target.id}`).set(bearer(w.manager.token))).body.plans as { slotCodes: string[]; endDate: string | null }[];
    expect(plans.find((p) => p.slotCodes.includes('dinner'))).toMatchObject({ endDate: '2099-12-31' });
  });
});

describe('resident import', () => {
  it('when a sheet is uploaded on the page, then the report shows accepted rows, rejected rows with reasons and unknown columns', async () => {
    const good = makeIdNumber('360323', '1941-05-06', 77);
    const csv = [
      '姓名,身份证号,联系电话,家庭住址,是否独居,楼栋长',
      `李秀英,${good},13800001111,东门村3组,是,张三`,
      '王大爷,36032319410506123,13800002222,西门村,否,李四',
      `,${makeIdNumber('360323', '1942-01-02', 55)},13800003333,南村,否,王五`,
    ].join('\n');
    await page.goto('/app/desk/imports');
    await page.locator('body[data-ready=true]').waitFor();
    await page.getByLabel('导入内容').selectOption('residents');
    await page.getByLabel('表格文件').setInputFiles({ name: '东门村老人名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: '上传并导入' }).click();
    await page.waitForURL(/\/app\/desk\/imports\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('#import-report').getAttribute('data-status'), POLL).toBe('done');
    const report = await page.locator('#main').innerText();
    expect(report).toContain('导入报告：东门村老人名单.csv');
    expect(report).toContain('已接收 1 行');
    expect(report).toContain('1 新增 · 0 更新 · 0 无变化 · 2 未通过');
    expect(report).toContain('以下列无法识别，内容没有导入：楼栋长');
    const rows = await page.locator('#import-rejections tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^3\s+36032319410506123\s+身份证号/);
    expect(rows[1]).toMatch(/^4[\s\S]*姓名：本行这一列为空（必填）。/);
    if (SHOTS) await page.screenshot({ path: 'docs/img/board-import.png', fullPage: true });
    expect(await env.deps.prisma.person.count({ where: { tenantId: w.t.id, idNumber: good } })).toBe(1);
  });
});

describe('who may open the screens', () => {
  it('when a driver opens the board, then 403 in words; another tenant’s manager opening a recipient or alert link gets 404', async () => {
    const driver = await staff(env, w.t, ['driver'], '李师傅');
    const other = await createWorld(env, { recipients: 1, vehicles: [{ capacity: 5 }], locale: 'zh-CN' });
    const stranger = await staff(env, other.t, ['kitchen_manager'], '外乡经理');
    await tap(0, 3, 'not_home');
    const alert = await eventually(() => env.deps.prisma.welfareAlert.findFirst({ where: { routeStopId: routeOf(0).stops[3].id } }).then((a) => a ?? undefined), 20_000);
    for (const [who, url, status, sentence] of [
      [driver.username, `/app/desk/board?kitchen=${w.kitchenId}`, 403, '您的角色不能打开这个页面'],
      [driver.username, '/app/desk/recipients', 403, '您的角色不能打开这个页面'],
      [stranger.username, `/app/desk/recipients/${w.recipients[0].id}`, 404, '找不到这个页面'],
    ] as const) {
      const c = await deskContext(browser, server.url);
      const p = await c.newPage();
      await signIn(p, who);
      const res = await p.goto(url);
      expect(res!.status(), url).toBe(status);
      expect(await p.locator('#main').innerText()).toContain(sentence);
      if (who === stranger.username) {
        // A form posted at another tenant's alert changes nothing.
        const csrf = await p.locator('meta[name=csrf-token]').getAttribute('content');
        const post = await p.request.post(`/app/desk/alerts/${alert.id}/resolve`, { form: { _csrf: csrf!, note: 'not mine' }, headers: { Origin: server.url } });
        expect(post.status()).toBe(404);
      }
      await c.close();
    }
    expect(await env.deps.prisma.welfareAlert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ status: 'open', resolutionNote: null });
  }, 120_000);
});

