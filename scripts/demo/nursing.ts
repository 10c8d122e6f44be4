import type { DemoContext } from './context.js';
import { apiClient } from './context.js';
import type { DemoStep } from './steps.js';
import { demoResidents } from './township.js';
import { createTenantWithAdmin } from '../../src/tenancy/service.js';
import { addDays, instantAt, today } from '../../src/time/index.js';

/**
 * Hospital accompany-free nursing (免陪照护) demo: the demo tenant is a civil-affairs bureau, so
 * this step creates a county hospital tenant, sets it up through the API (2 wards, 13 aides,
 * 15 consented admissions), rosters next week with the roster.plan job, and prints coverage,
 * one aide's own shifts and the invoice of a patient discharged after a care-level change.
 */
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

async function waitForRun(api: ReturnType<typeof apiClient>, token: string, id: string, log: (l: string) => void) {
  let shown = -1;
  for (let i = 0; i < 600; i++) {
    const run = await api('get', `/nursing/rosters/${id}`, token);
    if (run.progress !== shown) log(`  roster.plan progress ${(shown = run.progress)}%`);
    if (run.status === 'done') return run;
    if (run.status === 'failed') throw new Error(`roster failed: ${run.error}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('roster did not finish in 2 minutes');
}

export const nursingDemoStep: DemoStep = {
  title: 'Hospital accompany-free nursing (免陪照护): a county hospital rosters a week',
  async run(ctx: DemoContext) {
    const { log } = ctx;
    const zone = 'Asia/Shanghai';
    const created = await createTenantWithAdmin(ctx.deps.prisma, { name: `芦溪县人民医院 (demo ${new Date().toISOString().slice(0, 16)})`, timeZone: zone, locale: 'zh-CN' });
    const api = apiClient(ctx.baseUrl);
    const admin = created.token.token;
    const user = async (username: string, displayName: string, roles: string[]) => {
      const u = await api('post', '/users', admin, { username, displayName, roles });
      return { id: u.id as string, token: (await api('post', `/users/${u.id}/tokens`, admin, { name: 'demo' })).token as string };
    };
    const coord = await user('coordinator', '护理部协调员 刘芳', ['hospital_coordinator']);
    const aideUser = await user('aide1', '护理员 周秀英', ['care_aide']);
    const auditor = await user('auditor', '医保审计 陈军', ['auditor']);
    const t = coord.token;
    log(`Hospital tenant: ${created.tenant.name} (${created.tenant.id})`);

    await api('post', '/nursing/setup/defaults', t);
    const ortho = await api('post', '/nursing/wards', t, { name: '骨科病区', department: '骨科', beds: ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'] });
    const neuro = await api('post', '/nursing/wards', t, { name: '神经内科病区', department: '神经内科', beds: ['01', '02', '03', '04', '05', '06', '07', '08'] });
    const names: [string, 'female' | 'male', string][] = [
      ['周秀英', 'female', ortho.id], ['吴桂兰', 'female', ortho.id], ['郑玉梅', 'female', ortho.id], ['王冬梅', 'female', ortho.id],
      ['李淑珍', 'female', ortho.id], ['彭凤英', 'female', ortho.id], ['刘建华', 'male', ortho.id], ['钟国强', 'male', neuro.id],
      ['易建军', 'male', neuro.id], ['文翠兰', 'female', neuro.id], ['肖月娥', 'female', neuro.id], ['罗素芳', 'female', neuro.id],
      ['曾细妹', 'female', neuro.id],
    ];
    const aides = [];
    for (const [i, [name, gender, ward]] of names.entries()) {
      aides.push(await api('post', '/nursing/aides', t, {
        name, gender, certificateNo: `JX-HLY-2025-${String(1001 + i)}`, certificateExpiry: i === 12 ? addDays(today(zone), 2) : '2028-06-30',
        skills: i < 3 ? ['special_care'] : [], homeWardIds: [ward], ...(i === 0 ? { userId: aideUser.id } : {}),
      }));
    }
    log(`2 wards, ${aides.length} aides (周秀英 signs in as aide1; 曾细妹's certificate expires in 2 days).`);

    const now = today(zone);
    const week = { from: addDays(now, 1), to: addDays(now, 7) };
    // [ward, bed, Barthel, gender preference required?]; the last three were admitted earlier and leave before the week.
    const plan: [string, string, number, boolean][] = [
      [ortho.id, '01', 25, false], [ortho.id, '02', 45, false], [ortho.id, '03', 55, false], [ortho.id, '04', 70, true],
      [ortho.id, '05', 75, false], [ortho.id, '06', 85, false], [ortho.id, '07', 92, false],
      [neuro.id, '01', 65, false], [neuro.id, '02', 82, false], [neuro.id, '03', 88, false], [neuro.id, '04', 90, false], [neuro.id, '05', 95, false],
      [ortho.id, '08', 35, false], [neuro.id, '06', 58, false], [neuro.id, '07', 90, false],
    ];
    const residents = demoResidents(plan.length, now, 6011);
    // What some families asked the aides to mind (shown on the aides' phone pages).
    const CARE_NOTES = ['左侧偏瘫，喂饭需慢', '糖尿病，餐前测血糖', '夜间易跌倒，起床需搀扶', '对青霉素过敏'];
    const bookings = [];
    for (const [i, [wardId, bed, barthel, male]] of plan.entries()) {
      const r = residents[i];
      const gender = male ? 'male' : r.gender;
      const person = await api('post', '/people', t, { name: r.name, gender, birthDate: r.birthDate, phone: r.phone, address: r.address });
      const earlier = i >= 12;
      const admittedAt = instantAt(addDays(now, earlier ? -9 : -1), '10:30', zone).toISOString();
      const adm = await api('post', '/nursing/admissions', t, { personId: person.id, wardId, bedCode: bed, admittedAt });
      bookings.push(await api('post', '/nursing/bookings', t, {
        admissionId: adm.id, barthelScore: barthel, ...(male ? { genderPreference: 'male', genderRequired: true } : {}),
        ...(CARE_NOTES[i] ? { careNotes: CARE_NOTES[i] } : {}),
        consent: { signerName: `${r.name.slice(0, 1)}家属`, relation: ['儿子', '女儿', '配偶'][i % 3], method: 'paper', signedAt: admittedAt },
        activate: true,
      }));
    }
    log(`${bookings.length} admissions with signed family consent; levels: ${bookings.map((b) => b.levelCode).join(' ')}`);

    // Patient 13 improved (Barthel 35 → 65) mid-stay and went home before the week: invoice across the change.
    const home = bookings[12];
    await api('post', `/nursing/bookings/${home.id}/level-changes`, t, { effectiveFrom: addDays(now, -5), barthelScore: 65 });
    const discharge = await api('post', `/nursing/admissions/${home.admissionId}/discharge`, t, { dischargedAt: instantAt(addDays(now, -1), '09:00', zone).toISOString() });
    for (const b of bookings.slice(13)) await api('post', `/nursing/admissions/${b.admissionId}/discharge`, t, { dischargedAt: instantAt(now, '08:30', zone).toISOString() });

    log(`\nRostering ${week.from} … ${week.to} (job roster.plan, solver in a worker thread):`);
    const queued = await api('post', '/nursing/rosters', t, { fromDate: week.from, toDate: week.to });
    const run = await waitForRun(api, t, queued.id, log);
    const r = run.result;
    log(`  ${r.covered}/${r.needs} patient-shifts covered (${r.coveragePct}%), ${r.aidesOnDuty} aides on duty, continuity ${r.continuityPct ?? '—'}%`);
    for (const u of r.uncovered) log(`  uncovered: ${u.reason}`);
    const cov = await api('get', `/nursing/coverage?from=${week.from}&to=${addDays(week.from, 1)}`, t);
    for (const s of cov.shifts) log(`  ${s.date} ${s.shiftCode.padEnd(5)} ${s.wardName.padEnd(8)} ${s.covered}/${s.needs} patients, ${s.aides} aides`);

    const mine = await api('get', `/me/shifts?from=${week.from}&to=${week.to}`, aideUser.token);
    log(`\nGET /me/shifts for ${mine.aide.name} (care_aide):`);
    for (const s of mine.shifts) {
      log(`  ${s.date} ${s.shiftName} ${s.ward.name} load ${s.load}: ${s.patients.map((p: { bed: string; name: string; careLevel: { name: string } }) => `${p.bed}床 ${p.name} (${p.careLevel.name})`).join(', ')}`);
    }

    const inv = discharge.invoices[0];
    log(`\nInvoice of ${inv.patient.name} (${inv.patient.ward} ${inv.patient.bed}床), ${inv.fromDate} – ${inv.toDate}:`);
    for (const l of inv.lines) log(`  ${l.levelName.padEnd(6)} ${l.fromDate} – ${l.toDate}  ${l.days} 天 × ${yuan(l.dailyFee)} = ${yuan(l.amount)}`);
    log(`  合计 ${inv.days} 天 ${yuan(inv.totalFee)}   (printable: GET /nursing/invoices/${inv.id}/html)`);

    log(`\nHospital tokens (tenant ${created.tenant.id}):`);
    log(`  admin                  ${admin}`);
    log(`  hospital_coordinator   ${coord.token}`);
    log(`  care_aide (周秀英)      ${aideUser.token}`);
    log(`  auditor                ${auditor.token}`);
  },
};
