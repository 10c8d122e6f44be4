import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { ConflictError, NotFoundError } from '../../http/errors.js';
import type { CareLevelInput, ShiftTemplateInput, WardCreate } from '../schemas-setup.js';
import { templatesOverlap } from '../roster/shifts.js';
import { feeOn } from '../billing/billing.js';
import { careLevelView, levelPrice, templateView } from '../views.js';
import { today } from '../../time/index.js';

type D = Pick<Deps, 'prisma'>;

/** SPEC §3 defaults a hospital tenant gets: four care levels and a day/night shift pair. */
export const DEFAULT_CARE_LEVELS = [
  { code: 'special', zh: '特级护理', en: 'Special care (1:1)', patientsPerAide: 1, dailyFee: 16000 },
  { code: 'level1', zh: '一级护理', en: 'Level 1 (1:2)', patientsPerAide: 2, dailyFee: 12000 },
  { code: 'level2', zh: '二级护理', en: 'Level 2 (1:3)', patientsPerAide: 3, dailyFee: 10000 },
  { code: 'level3', zh: '三级护理', en: 'Level 3 (1:6)', patientsPerAide: 6, dailyFee: 6000 },
];
export const DEFAULT_SHIFT_TEMPLATES = [
  { code: 'day', zh: '白班', en: 'Day', startTime: '08:00', endTime: '20:00' },
  { code: 'night', zh: '夜班', en: 'Night', startTime: '20:00', endTime: '08:00' },
];

/** Creates the default care levels and shift templates that are missing (idempotent). */
export async function ensureDefaults(d: D, ctx: RequestContext) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const name = (x: { zh: string; en: string }) => (ctx.locale === 'en' ? x.en : x.zh);
  const created = await db.$transaction(async (tx) => {
    const levels = new Set((await tx.careLevel.findMany({ select: { code: true } })).map((l) => l.code));
    const templates = await tx.shiftTemplate.findMany();
    const out = { careLevels: [] as string[], shiftTemplates: [] as string[] };
    for (const l of DEFAULT_CARE_LEVELS.filter((x) => !levels.has(x.code))) {
      await tx.careLevel.create({ data: { tenantId: ctx.tenantId, code: l.code, name: name(l), patientsPerAide: l.patientsPerAide, dailyFee: l.dailyFee } });
      out.careLevels.push(l.code);
    }
    // Shift templates only when the hospital has none: a hospital that chose a 24 h shift keeps it.
    if (templates.length === 0) {
      for (const t of DEFAULT_SHIFT_TEMPLATES) {
        await tx.shiftTemplate.create({ data: { tenantId: ctx.tenantId, code: t.code, name: name(t), startTime: t.startTime, endTime: t.endTime } });
        out.shiftTemplates.push(t.code);
      }
    }
    if (out.careLevels.length || out.shiftTemplates.length) {
      await writeAudit(tx, ctx, { action: 'nursing.setup.defaults', entity: 'Tenant', entityId: ctx.tenantId, after: out });
    }
    return out;
  });
  return { careLevels: await listCareLevels(d, ctx), shiftTemplates: await listTemplates(d, ctx), created };
}

export async function listCareLevels(d: D, ctx: RequestContext) {
  const rows = await tenantDb(d.prisma, ctx.tenantId).careLevel.findMany({ orderBy: [{ patientsPerAide: 'asc' }, { code: 'asc' }] });
  const now = today(ctx.timeZone);
  return rows.map((l) => careLevelView(l, now));
}

/**
 * Creates or replaces a care level by code. A new fee of an existing level is a fee change from
 * `feeEffectiveFrom` (today or later): days before keep the fee they had, so invoices issued later
 * for earlier days bill what the price list said then. A change on the same date replaces that
 * change; changes scheduled after it stay.
 */
export async function putCareLevel(d: D, ctx: RequestContext, code: string, input: CareLevelInput) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const now = today(ctx.timeZone);
  return db.$transaction(async (tx) => {
    const before = await tx.careLevel.findFirst({ where: { code } });
    const { feeEffectiveFrom, dailyFee, ...rest } = input;
    const data = { ...rest, requiredSkill: input.requiredSkill ?? null };
    let after;
    if (!before) {
      after = await tx.careLevel.create({ data: { ...data, dailyFee, code, tenantId: ctx.tenantId } });
    } else {
      const from = feeEffectiveFrom ?? now;
      const price = levelPrice(before);
      let feeChanges = price.feeChanges!;
      if (feeOn(price, from) !== dailyFee) {
        if (from < now) {
          throw new ConflictError(`A new fee applies from today (${now}) or a later date; past days keep the fee they had.`, {
            errors: [{ path: 'body.feeEffectiveFrom', message: `Before ${now}.` }],
          });
        }
        feeChanges = [...feeChanges.filter((c) => c.effectiveFrom !== from), { effectiveFrom: from, dailyFee }]
          .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
      }
      after = await tx.careLevel.update({ where: { id: before.id }, data: { ...data, feeChanges: feeChanges as object[] } });
    }
    await writeAudit(tx, ctx, { action: before ? 'care-level.update' : 'care-level.create', entity: 'CareLevel', entityId: after.id, before, after });
    return careLevelView(after, now);
  });
}

export async function listTemplates(d: D, ctx: RequestContext) {
  const rows = await tenantDb(d.prisma, ctx.tenantId).shiftTemplate.findMany({ orderBy: { startTime: 'asc' } });
  return rows.map(templateView);
}

/**
 * Creates or replaces a shift template. Templates must not overlap in the daily cycle: every
 * booking is covered in every shift, so overlapping shifts would double the cover.
 */
export async function putTemplate(d: D, ctx: RequestContext, code: string, input: ShiftTemplateInput) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  return db.$transaction(async (tx) => {
    const all = await tx.shiftTemplate.findMany();
    const clash = all.find((t) => t.code !== code && templatesOverlap(t, { code, ...input }));
    if (clash) {
      throw new ConflictError(`Shift '${code}' ${input.startTime}–${input.endTime} overlaps shift '${clash.code}' ${clash.startTime}–${clash.endTime}; delete or change it first.`, {
        errors: [{ path: 'body.startTime', message: `Overlaps shift '${clash.code}'.` }],
      });
    }
    const before = all.find((t) => t.code === code);
    const after = before
      ? await tx.shiftTemplate.update({ where: { id: before.id }, data: input })
      : await tx.shiftTemplate.create({ data: { ...input, code, tenantId: ctx.tenantId } });
    await writeAudit(tx, ctx, { action: before ? 'shift-template.update' : 'shift-template.create', entity: 'ShiftTemplate', entityId: after.id, before, after });
    return templateView(after);
  });
}

/** Deletes a shift template; assignments already made keep their times. */
export async function deleteTemplate(d: D, ctx: RequestContext, code: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await db.$transaction(async (tx) => {
    const before = await tx.shiftTemplate.findFirst({ where: { code } });
    if (!before) throw new NotFoundError('shift template');
    await tx.shiftTemplate.delete({ where: { id: before.id } });
    await writeAudit(tx, ctx, { action: 'shift-template.delete', entity: 'ShiftTemplate', entityId: before.id, before });
  });
}

async function wardView(d: D, ctx: RequestContext, wardId: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const ward = await db.ward.findFirst({ where: { id: wardId }, include: { beds: { orderBy: { code: 'asc' } } } });
  if (!ward) throw new NotFoundError('ward');
  const open = await db.admission.findMany({ where: { wardId, dischargedAt: null, bedId: { not: null } }, select: { id: true, bedId: true } });
  const byBed = new Map(open.map((a) => [a.bedId, a.id]));
  return {
    id: ward.id, name: ward.name, department: ward.department, createdAt: ward.createdAt,
    beds: ward.beds.map((b) => ({ id: b.id, code: b.code, admissionId: byBed.get(b.id) ?? null })),
  };
}

export async function createWard(d: D, ctx: RequestContext, input: WardCreate) {
  const codes = input.beds ?? [];
  if (new Set(codes).size !== codes.length) throw new ConflictError('Bed codes repeat.', { errors: [{ path: 'body.beds', message: 'Bed codes must be unique.' }] });
  const db = tenantDb(d.prisma, ctx.tenantId);
  const ward = await db.$transaction(async (tx) => {
    const w = await tx.ward.create({
      data: {
        tenantId: ctx.tenantId, name: input.name, department: input.department ?? null,
        beds: { create: codes.map((code) => ({ code, tenantId: ctx.tenantId })) },
      },
      include: { beds: true },
    });
    await writeAudit(tx, ctx, { action: 'ward.create', entity: 'Ward', entityId: w.id, after: w });
    return w;
  });
  return wardView(d, ctx, ward.id);
}

export async function listWards(d: D, ctx: RequestContext) {
  const rows = await tenantDb(d.prisma, ctx.tenantId).ward.findMany({ orderBy: { name: 'asc' }, select: { id: true } });
  return Promise.all(rows.map((w) => wardView(d, ctx, w.id)));
}

export const getWard = wardView;

export async function updateWard(d: D, ctx: RequestContext, id: string, patch: { name?: string; department?: string | null }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await db.$transaction(async (tx) => {
    const before = await tx.ward.findFirst({ where: { id } });
    if (!before) throw new NotFoundError('ward');
    const after = await tx.ward.update({ where: { id }, data: patch });
    await writeAudit(tx, ctx, { action: 'ward.update', entity: 'Ward', entityId: id, before, after });
  });
  return wardView(d, ctx, id);
}

export async function addBeds(d: D, ctx: RequestContext, wardId: string, codes: string[]) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await db.$transaction(async (tx) => {
    const ward = await tx.ward.findFirst({ where: { id: wardId }, include: { beds: true } });
    if (!ward) throw new NotFoundError('ward');
    const existing = new Set(ward.beds.map((b) => b.code));
    const dup = codes.find((c, i) => existing.has(c) || codes.indexOf(c) !== i);
    if (dup) throw new ConflictError(`Bed '${dup}' already exists in ward ${ward.name}.`, { errors: [{ path: 'body.codes', message: `Duplicate bed '${dup}'.` }] });
    await tx.bed.createMany({ data: codes.map((code) => ({ code, wardId, tenantId: ctx.tenantId })) });
    await writeAudit(tx, ctx, { action: 'ward.beds.add', entity: 'Ward', entityId: wardId, after: { codes } });
  });
  return wardView(d, ctx, wardId);
}
