import { tenantDb } from '../db/prisma.js';
import { writeAudit } from '../audit/audit-log.js';
import { chunk, column, missingKey, parseBool } from '../imports/importer.js';
import type { ImportColumn, Importer, RowRejection } from '../imports/importer.js';
import type { Row } from '../imports/parse.js';
import { type Locale, resolveLocale, say, type Text } from '../i18n/index.js';
import { issueSentence, zodLocale } from '../http/validate.js';
import { today } from '../time/index.js';
import { PM } from './messages.js';
import { parseIdNumber } from './id-card.js';
import { locationFields } from '../geocoding/read.js';
import { personCreateSchema, STATUS_CODES } from './schemas.js';
import type { PersonCreate } from './schemas.js';
import { residentImportMessages as RI } from './import-messages.js';

const col = (name: string, aliases: string[], required: boolean, description: Text): ImportColumn => ({ name, aliases, required, description });

/** Every name the ID-card column goes by in the sheets townships and counties send. */
export const ID_ALIASES = ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '公民身份证号', '身份证', '证件号码', '身份证件号码', 'id', 'idcard', 'idno'];

export const RESIDENT_COLUMNS = {
  idNumber: col('idNumber', ID_ALIASES, true, say(RI.idNumber)),
  name: col('name', ['姓名', '老人姓名', '服务对象姓名', '服务对象', '名字', 'fullname'], true, say(RI.name)),
  gender: col('gender', ['性别', 'sex'], false, say(RI.gender)),
  birthDate: col('birthDate', ['出生日期', '出生年月日', '出生年月', '生日', 'birthday', 'dob', 'dateofbirth'], false, say(RI.birthDate)),
  phone: col('phone', ['联系电话', '电话', '手机', '手机号', '手机号码', '电话号码', '联系方式', 'mobile', 'tel'], false, say(RI.phone)),
  address: col('address', ['家庭住址', '现住址', '居住地址', '现居住地址', '家庭地址', '详细地址', '联系地址', '地址', '住址'], false, say(RI.address)),
  lat: col('lat', ['纬度', 'latitude'], false, say(RI.lat)),
  lng: col('lng', ['经度', 'longitude', 'lon'], false, say(RI.lng)),
  livesAlone: col('livesAlone', ['是否独居', '独居', '独居老人', '是否独居老人'], false, say(RI.livesAlone)),
  localHukou: col('localHukou', ['是否本地户籍', '本地户籍', '户籍', 'hukou'], false, say(RI.localHukou)),
  cardNumber: col('cardNumber', ['卡号', '助餐卡号', '就餐卡号', 'card', 'cardno'], false, say(RI.cardNumber)),
  statuses: col('statuses', ['身份类别', '人员类别', '对象类别', '类别', 'status'], false, say(RI.statuses, { codes: STATUS_CODES.join(', ') })),
};

const STATUS_ALIASES: Record<string, (typeof STATUS_CODES)[number]> = {
  特困: 'extreme_poverty', 低保: 'minimum_living', 低保边缘: 'low_income_edge', 重度残疾: 'severe_disability',
  失能: 'disabled_elderly', 半失能: 'semi_disabled_elderly', 计生特殊家庭: 'special_family', 计划生育特殊家庭: 'special_family',
  优抚对象: 'veteran_family', 空巢: 'empty_nest', 独居: 'empty_nest',
};

function genderOf(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const s = v.trim().toLowerCase();
  if (['male', 'm', '男'].includes(s)) return 'male';
  if (['female', 'f', '女'].includes(s)) return 'female';
  return s;
}

function numberOrUndefined(v: string | undefined) {
  return v === undefined ? undefined : Number(v);
}

/** Turns a spreadsheet row into person input, validated by the same schema as the API; messages in `locale`. */
export function rowToPerson(
  row: Row, onDate: string, headers: Record<string, string> = {}, locale: Locale = 'en',
): { ok: true; value: PersonCreate } | { ok: false; errors: RowRejection['errors'] } {
  const c = RESIDENT_COLUMNS;
  const rawId = column(row, c.idNumber);
  const decoded = rawId ? parseIdNumber(rawId) : undefined;
  const statusCodes = (column(row, c.statuses) ?? '').split(/[;,，；、\s]+/).filter(Boolean).map((s) => STATUS_ALIASES[s] ?? s);
  const candidate = {
    name: column(row, c.name),
    idNumber: rawId,
    gender: genderOf(column(row, c.gender)) ?? (decoded?.ok ? decoded.info.gender : undefined),
    birthDate: column(row, c.birthDate) ?? (decoded?.ok ? decoded.info.birthDate : undefined),
    phone: column(row, c.phone),
    address: column(row, c.address),
    lat: numberOrUndefined(column(row, c.lat)),
    lng: numberOrUndefined(column(row, c.lng)),
    livesAlone: parseBool(column(row, c.livesAlone)),
    localHukou: parseBool(column(row, c.localHukou)),
    cardNumber: column(row, c.cardNumber),
    statuses: statusCodes.map((code) => ({ code, validFrom: onDate })),
  };
  if (!rawId) return { ok: false, errors: [missingKey(c.idNumber, headers)] };
  const parsed = personCreateSchema.safeParse(candidate, zodLocale(locale));
  if (!parsed.success) {
    let errors = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'row', message: issueSentence(i) }));
    // Gender and birth date default from a valid ID number: when it is invalid, their absence is not news.
    if (decoded && !decoded.ok) errors = errors.filter((e) => !['gender', 'birthDate'].includes(e.field) || column(row, c[e.field as 'gender']));
    return { ok: false, errors };
  }
  return { ok: true, value: parsed.data };
}

const COMPARED = ['name', 'gender', 'birthDate', 'phone', 'address', 'lat', 'lng', 'livesAlone', 'localHukou', 'cardNumber'] as const;

/** Residents import: idempotent on the ID number (a re-upload of the same file changes nothing). */
export const residentsImporter: Importer = {
  kind: 'residents',
  description: say(RI.kind),
  columns: Object.values(RESIDENT_COLUMNS),
  async run({ prisma }, tenant, rows, progress, headers) {
    const onDate = today(tenant.timeZone);
    // The report is read later by the tenant's people: their locale when the runner passes it, else zh-CN.
    const locale = resolveLocale((tenant as { locale?: string }).locale);
    const db = tenantDb(prisma, tenant.id);
    const rejections: RowRejection[] = [];
    const firstRowOf = new Map<string, number>();
    const valid: { row: number; person: PersonCreate }[] = [];
    rows.forEach(({ row: rowNo, values: raw }) => {
      const r = rowToPerson(raw, onDate, headers, locale);
      if (!r.ok) return rejections.push({ row: rowNo, key: column(raw, RESIDENT_COLUMNS.idNumber), errors: r.errors });
      const id = r.value.idNumber!;
      const first = firstRowOf.get(id);
      if (first) return rejections.push({ row: rowNo, key: id, errors: [{ field: 'idNumber', message: say(PM.sameIdAsRow, { row: first }) }] });
      firstRowOf.set(id, rowNo);
      valid.push({ row: rowNo, person: r.value });
    });

    let created = 0, updated = 0, unchanged = 0, done = 0;
    for (const part of chunk(valid, 1000)) {
      const existing = await db.person.findMany({
        where: { idNumber: { in: part.map((p) => p.person.idNumber!) } },
        include: { statuses: true },
      });
      const byId = new Map(existing.map((p) => [p.idNumber!, p]));
      const cards = new Map(
        (await db.person.findMany({ where: { cardNumber: { in: part.flatMap((p) => (p.person.cardNumber ? [p.person.cardNumber] : [])) } }, select: { id: true, cardNumber: true } }))
          .map((p) => [p.cardNumber!, p.id]),
      );
      await db.$transaction(async (tx) => {
        const toCreate: { row: number; person: PersonCreate }[] = [];
        for (const item of part) {
          const { statuses = [], ...fields } = item.person;
          const current = byId.get(fields.idNumber!);
          const cardOwner = fields.cardNumber ? cards.get(fields.cardNumber) : undefined;
          if (cardOwner && cardOwner !== current?.id) {
            rejections.push({ row: item.row, key: fields.idNumber!, errors: [{ field: 'cardNumber', message: say(PM.cardOfAnother) }] });
            continue;
          }
          if (!current) {
            toCreate.push(item);
            continue;
          }
          const changes = Object.fromEntries(
            COMPARED.filter((k) => fields[k] !== undefined && fields[k] !== current[k]).map((k) => [k, fields[k]]),
          );
          const newStatuses = statuses.filter(
            (s) => !current.statuses.some((cs) => cs.code === s.code && (!cs.validTo || cs.validTo >= onDate)),
          );
          if (Object.keys(changes).length === 0 && newStatuses.length === 0) {
            unchanged++;
            continue;
          }
          // Coordinates in the file count as placed by hand; a new address without them is geocoded after the run.
          if (Object.keys(changes).length) await tx.person.update({ where: { id: current.id }, data: { ...changes, ...locationFields(current, fields).data } });
          if (newStatuses.length) {
            await tx.personStatus.createMany({ data: newStatuses.map((s) => ({ ...s, validTo: null, personId: current.id, tenantId: tenant.id })) });
          }
          updated++;
        }
        if (toCreate.length) {
          const rowsCreated = await tx.person.createManyAndReturn({
            data: toCreate.map(({ person: { statuses: _s, ...f } }) => ({ ...f, ...locationFields(null, f).data, tenantId: tenant.id })),
            select: { id: true, idNumber: true },
          });
          const idOf = new Map(rowsCreated.map((p) => [p.idNumber!, p.id]));
          const statusRows = toCreate.flatMap(({ person }) =>
            (person.statuses ?? []).map((s) => ({ ...s, validTo: null, personId: idOf.get(person.idNumber!)!, tenantId: tenant.id })),
          );
          if (statusRows.length) await tx.personStatus.createMany({ data: statusRows });
          created += rowsCreated.length;
        }
      }, { timeout: 60_000 });
      done += part.length;
      await progress(done);
    }
    await writeAudit(db, { tenantId: tenant.id, userId: tenant.actorUserId, requestId: null }, {
      action: 'people.import', entity: 'Person', after: { created, updated, unchanged, rejected: rejections.length },
    });
    rejections.sort((a, b) => a.row - b.row);
    return { created, updated, unchanged, rejections };
  },
};
