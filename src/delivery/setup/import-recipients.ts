import { z } from 'zod';
import { tenantDb } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import { column, missingKey } from '../../imports/importer.js';
import type { ImportColumn, Importer, RowRejection } from '../../imports/importer.js';
import type { Row } from '../../imports/parse.js';
import { planCreateSchema, recipientCreateSchema } from '../schemas.js';
import { ID_ALIASES, parseIdNumber, personIdByIdNumber } from '../../people/read.js';
import { ensureSlots } from './setup-service.js';
import { type Locale, resolveLocale, say, type Text } from '../../i18n/index.js';
import { issueSentence, zodLocale } from '../../http/validate.js';
import { DE } from '../messages.js';
import { recipientImportMessages as RI } from './import-messages.js';

const col = (name: string, aliases: string[], required: boolean, description: Text): ImportColumn => ({ name, aliases, required, description });

export const RECIPIENT_COLUMNS = {
  idNumber: col('idNumber', ID_ALIASES, true, say(RI.idNumber)),
  kitchen: col('kitchen', ['厨房', '配送厨房', '中心厨房', '助餐点', 'kitchenId'], false, say(RI.kitchen)),
  diet: col('diet', ['餐型', '饮食', '饮食要求', '膳食类型'], false, say(RI.diet)),
  texture: col('texture', ['质地', '食物质地'], false, say(RI.texture)),
  allergies: col('allergies', ['过敏', '过敏原', '过敏食物', '忌口'], false, say(RI.allergies)),
  accessNotes: col('accessNotes', ['入户备注', '送餐备注', '备注', 'notes'], false, say(RI.accessNotes)),
  emergencyContacts: col('emergencyContacts', ['紧急联系人', '紧急联系人及电话'], false, say(RI.emergencyContacts)),
  gridWorkerName: col('gridWorkerName', ['网格员', '网格员姓名'], false, say(RI.gridWorkerName)),
  gridWorkerPhone: col('gridWorkerPhone', ['网格员电话', '网格员联系电话'], false, say(RI.gridWorkerPhone)),
  slots: col('slots', ['餐次', '送餐餐次'], false, say(RI.slots)),
  weekdays: col('weekdays', ['送餐日', '星期'], false, say(RI.weekdays)),
  startDate: col('startDate', ['开始日期', '起始日期', '开始送餐日期'], false, say(RI.startDate)),
  endDate: col('endDate', ['结束日期', '截止日期'], false, say(RI.endDate)),
  quantity: col('quantity', ['份数', '数量'], false, say(RI.quantity)),
};

const DIET_ALIASES: Record<string, string> = { 普通: 'regular', 糖尿病: 'diabetic', 糖尿病餐: 'diabetic', 低盐: 'low_salt', 软食: 'soft', 碎食: 'minced', 糊状: 'pureed', 流食: 'pureed', 清真: 'halal', 素食: 'vegetarian' };
const TEXTURE_ALIASES: Record<string, string> = { 普通: 'regular', 软: 'soft', 软食: 'soft', 碎: 'minced', 碎食: 'minced', 糊状: 'pureed' };
const SLOT_ALIASES: Record<string, string> = { 午餐: 'lunch', 中餐: 'lunch', 晚餐: 'dinner', 早餐: 'breakfast' };
const CN_DAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const list = (v: string | undefined) => (v ?? '').split(/[;；,，、]+/).map((s) => s.trim()).filter(Boolean);

/** '1-5', '1,3,5', 'daily', '每天', '工作日', '一至五', '周一,周三' → ISO weekdays. */
export function parseWeekdays(raw: string | undefined): number[] | undefined {
  if (!raw) return undefined;
  const s = raw.trim().toLowerCase().replace(/周|星期/g, '');
  if (['daily', 'every day', '每天', '每日', '天天', '全周'].includes(s)) return [1, 2, 3, 4, 5, 6, 7];
  if (['weekdays', '工作日'].includes(s)) return [1, 2, 3, 4, 5];
  const day = (t: string) => (/^[1-7]$/.test(t) ? Number(t) : CN_DAYS[t]);
  const out = new Set<number>();
  for (const part of s.split(/[;；,，、\s]+/).filter(Boolean)) {
    const range = part.split(/-|–|至|到|~/);
    if (range.length === 2) {
      const [a, b] = range.map(day);
      if (!a || !b || a > b) return [NaN];
      for (let i = a; i <= b; i++) out.add(i);
    } else if (range.length === 1 && day(part)) {
      out.add(day(part));
    } else if (/^\d+$/.test(part) && [...part].every((c) => c >= '1' && c <= '7')) {
      [...part].forEach((c) => out.add(Number(c)));
    } else {
      return [NaN];
    }
  }
  return [...out].sort();
}

/** 'name/relation/phone; …' → contacts. */
function parseContacts(raw: string | undefined) {
  return list(raw).map((c) => {
    const parts = c.split(/[/|:：]/).map((x) => x.trim());
    const phone = parts.find((p) => /^\+?[0-9][0-9 -]{4,19}$/.test(p)) ?? '';
    const rest = parts.filter((p) => p !== phone);
    return { name: rest[0] ?? '', ...(rest[1] ? { relation: rest[1] } : {}), phone };
  });
}

const profileSchema = recipientCreateSchema.omit({ personId: true, kitchenId: true });
type Profile = z.infer<typeof profileSchema>;
type PlanInput = z.infer<typeof planCreateSchema>;

/** A row's fields; zod's and the schemas' sentences in `locale` (rejections are stored as text). */
export function rowToRecipient(row: Row, locale: Locale = 'en'): { ok: true; profile: Profile; plan?: PlanInput } | { ok: false; errors: RowRejection['errors'] } {
  const c = RECIPIENT_COLUMNS;
  const v = (k: keyof typeof c) => column(row, c[k]);
  const errors: RowRejection['errors'] = [];
  const diet = v('diet');
  const texture = v('texture');
  const profile = profileSchema.safeParse({
    diet: diet ? (DIET_ALIASES[diet] ?? diet.toLowerCase()) : undefined,
    texture: texture ? (TEXTURE_ALIASES[texture] ?? texture.toLowerCase()) : undefined,
    allergies: list(v('allergies')),
    accessNotes: v('accessNotes'),
    emergencyContacts: parseContacts(v('emergencyContacts')),
    gridWorkerName: v('gridWorkerName'),
    gridWorkerPhone: v('gridWorkerPhone'),
  }, zodLocale(locale));
  if (!profile.success) errors.push(...profile.error.issues.map((i) => ({ field: i.path.join('.') || 'row', message: issueSentence(i) })));
  const slots = list(v('slots')).map((s) => SLOT_ALIASES[s] ?? s.toLowerCase());
  let plan: PlanInput | undefined;
  if (slots.length) {
    const parsed = planCreateSchema.safeParse({
      slotCodes: slots,
      weekdays: parseWeekdays(v('weekdays')) ?? [1, 2, 3, 4, 5, 6, 7],
      startDate: v('startDate'),
      endDate: v('endDate') ?? null,
      quantity: v('quantity') === undefined ? undefined : Number(v('quantity')),
    }, zodLocale(locale));
    if (parsed.success) plan = parsed.data;
    else errors.push(...parsed.error.issues.map((i) => ({ field: i.path.join('.') === 'slotCodes' ? 'slots' : i.path.join('.') || 'row', message: issueSentence(i) })));
  }
  return errors.length || !profile.success ? { ok: false, errors } : { ok: true, profile: profile.data, plan };
}

const sameSet = (a: readonly (string | number)[], b: readonly (string | number)[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
/** JSON with sorted keys: jsonb does not keep the key order of what was written. */
const canonical = (v: unknown): string => JSON.stringify(v ?? null, (_k, x) =>
  x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x);
const PROFILE_KEYS = ['kitchenId', 'diet', 'texture', 'allergies', 'accessNotes', 'emergencyContacts', 'gridWorkerName', 'gridWorkerPhone'] as const;

/**
 * Delivery recipients with their meal plans, keyed by the person's ID number (the resident must
 * already be registered). Idempotent: a recipient is updated only where the row differs; a plan
 * is matched on its slots and start date and updated in place; re-uploading a file changes nothing.
 */
export const recipientsImporter: Importer = {
  kind: 'recipients',
  description: say(RI.kind),
  columns: Object.values(RECIPIENT_COLUMNS),
  async run({ prisma }, tenant, rows, progress, headers) {
    const db = tenantDb(prisma, tenant.id);
    // Rejections are stored as text: worded in the tenant's language when the import runs.
    const locale = resolveLocale((await prisma.tenant.findUnique({ where: { id: tenant.id }, select: { locale: true } }))?.locale);
    const actor = { tenantId: tenant.id, userId: tenant.actorUserId, requestId: null };
    const kitchens = await db.kitchen.findMany();
    const slotCodes = new Set((await ensureSlots(db, tenant.id)).map((s) => s.code));
    const rejections: RowRejection[] = [];
    const seen = new Map<string, number>();
    let created = 0, updated = 0, unchanged = 0;
    for (let i = 0; i < rows.length; i++) {
      const { row: rowNo, values: raw } = rows[i];
      if (i % 100 === 99) await progress(i + 1);
      const rawId = column(raw, RECIPIENT_COLUMNS.idNumber);
      const reject = (field: string, message: Text) => rejections.push({ row: rowNo, key: rawId, errors: [{ field, message }] });
      const id = rawId ? parseIdNumber(rawId) : undefined;
      if (!id) { rejections.push({ row: rowNo, errors: [missingKey(RECIPIENT_COLUMNS.idNumber, headers)] }); continue; }
      if (!id.ok) { reject('idNumber', id.sentence); continue; }
      if (seen.has(id.value)) { reject('idNumber', say(DE.sameIdAsRow, { row: seen.get(id.value)! })); continue; }
      seen.set(id.value, rowNo);
      const kitchenRef = column(raw, RECIPIENT_COLUMNS.kitchen);
      const kitchen = kitchenRef ? kitchens.find((k) => k.id === kitchenRef || k.name === kitchenRef) : kitchens.length === 1 ? kitchens[0] : undefined;
      if (!kitchen) { reject('kitchen', kitchenRef ? say(DE.noKitchenNamed, { name: kitchenRef }) : say(DE.nameKitchenRow)); continue; }
      const parsed = rowToRecipient(raw, locale);
      if (!parsed.ok) { rejections.push({ row: rowNo, key: id.value, errors: parsed.errors }); continue; }
      const badSlot = parsed.plan?.slotCodes.find((s) => !slotCodes.has(s));
      if (badSlot) { reject('slots', say(DE.unknownSlot, { code: badSlot })); continue; }
      const personId = await personIdByIdNumber(db, id.value);
      if (!personId) { reject('idNumber', say(DE.noResident)); continue; }

      const outcome = await db.$transaction(async (tx) => {
        const wanted = { ...parsed.profile, kitchenId: kitchen.id };
        const current = await tx.recipient.findFirst({ where: { personId }, include: { plans: true } });
        let changed = false;
        let recipientId: string;
        if (!current) {
          const r = await tx.recipient.create({ data: { ...wanted, personId, tenantId: tenant.id } });
          recipientId = r.id;
          changed = true;
        } else {
          recipientId = current.id;
          const diff = Object.fromEntries(PROFILE_KEYS.filter((k) => canonical(current[k]) !== canonical(wanted[k])).map((k) => [k, wanted[k] ?? null]));
          if (Object.keys(diff).length) {
            await tx.recipient.update({ where: { id: current.id }, data: diff });
            changed = true;
          }
        }
        if (parsed.plan) {
          const p = parsed.plan;
          const match = current?.plans.find((x) => sameSet(x.slotCodes, p.slotCodes) && x.startDate === p.startDate);
          if (!match) {
            await tx.mealPlan.create({ data: { ...p, endDate: p.endDate ?? null, recipientId, tenantId: tenant.id } });
            changed = true;
          } else if (!sameSet(match.weekdays, p.weekdays) || match.quantity !== p.quantity || match.endDate !== (p.endDate ?? null)) {
            await tx.mealPlan.update({ where: { id: match.id }, data: { weekdays: p.weekdays, quantity: p.quantity, endDate: p.endDate ?? null } });
            changed = true;
          }
        }
        return !current ? 'created' : changed ? 'updated' : 'unchanged';
      });
      if (outcome === 'created') created++;
      else if (outcome === 'updated') updated++;
      else unchanged++;
    }
    await progress(rows.length);
    await writeAudit(db, actor, { action: 'recipients.import', entity: 'Recipient', after: { created, updated, unchanged, rejected: rejections.length } });
    return { created, updated, unchanged, rejections };
  },
};
