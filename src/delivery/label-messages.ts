import { defineMessages, type Message, say, t, type Text } from '../i18n/index.js';

/** Words of the printed pages (route sheet, production sheet) and the labels every delivery page shares. */
export const LM = defineMessages('delivery.label', {
  routeSheet: { zh: '送餐路线单', en: 'Route sheet' },
  route: { zh: '路线', en: 'Route' },
  driver: { zh: '送餐员', en: 'Driver' },
  vehicle: { zh: '车辆', en: 'Vehicle' },
  date: { zh: '日期', en: 'Date' },
  slot: { zh: '餐次', en: 'Meal' },
  leaves: { zh: '出发', en: 'Leaves kitchen' },
  back: { zh: '返回', en: 'Back' },
  meals: { zh: '餐数', en: 'Meals' },
  stop: { zh: '序号', en: 'Stop' },
  eta: { zh: '预计到达', en: 'ETA' },
  name: { zh: '姓名', en: 'Name' },
  address: { zh: '地址', en: 'Address' },
  phone: { zh: '电话', en: 'Phone' },
  diet: { zh: '餐型', en: 'Diet' },
  notes: { zh: '备注', en: 'Notes' },
  outcome: { zh: '签收', en: 'Done' },
  qty: { zh: '份数', en: 'Qty' },
  kitchen: { zh: '厨房', en: 'Kitchen' },
  productionSheet: { zh: '生产单', en: 'Production sheet' },
  counts: { zh: '数量统计', en: 'Counts' },
  byDiet: { zh: '按餐型', en: 'By diet' },
  byTexture: { zh: '按质地', en: 'By texture' },
  byAllergy: { zh: '过敏', en: 'Allergies' },
  total: { zh: '总份数', en: 'Total meals' },
  labels: { zh: '打包标签（按路线顺序）', en: 'Packing labels (route order)' },
  cookedAt: { zh: '出餐', en: 'Cooked' },
  eatBy: { zh: '请在此前食用', en: 'Eat by' },
  unrouted: { zh: '未排线', en: 'not on a route' },
  draft: { zh: '草稿路线——尚未发布', en: 'Draft plan — not yet published' },
  noPlan: { zh: '尚无路线方案：标签按姓名排序。', en: 'No route plan yet: labels are in name order.' },
  livesAlone: { zh: '独居', en: 'lives alone' },
  window: { zh: '送达时段', en: 'Window' },
  tick: { zh: '☐ 已送达 ☐ 不在家 ☐ 拒收', en: '☐ delivered ☐ not home ☐ refused' },
  cancelled: { zh: '✗ 已取消', en: '✗ cancelled' },
  rateUs: { zh: '扫码评价这餐', en: 'Scan to rate this meal' },
});

/** The default meal slots' names (SPEC §1): what a tenant's slot is called until it is renamed. */
export const SLOT_NAMES = defineMessages('delivery.slotName', {
  lunch: { zh: '午餐', en: 'Lunch' },
  dinner: { zh: '晚餐', en: 'Dinner' },
});

export const DIET_LABELS = defineMessages('delivery.diet', {
  regular: { zh: '普通', en: 'Regular' },
  diabetic: { zh: '糖尿病餐', en: 'Diabetic' },
  low_salt: { zh: '低盐', en: 'Low salt' },
  soft: { zh: '软食', en: 'Soft' },
  minced: { zh: '碎食', en: 'Minced' },
  pureed: { zh: '糊状', en: 'Pureed' },
  halal: { zh: '清真', en: 'Halal' },
  vegetarian: { zh: '素食', en: 'Vegetarian' },
});

export const TEXTURE_LABELS = defineMessages('delivery.texture', {
  regular: { zh: '普通', en: 'Regular' },
  soft: { zh: '软烂', en: 'Soft' },
  minced: { zh: '切碎', en: 'Minced' },
  pureed: { zh: '糊状', en: 'Pureed' },
});

/** A stop's outcome as a person says it (the API keeps the code beside it). */
export const OUTCOME_LABELS = defineMessages('delivery.outcome', {
  pending: { zh: '待送', en: 'pending' },
  delivered: { zh: '已送达', en: 'delivered' },
  not_home: { zh: '不在家', en: 'not_home' },
  refused: { zh: '拒收', en: 'refused' },
  cancelled: { zh: '已取消', en: 'cancelled' },
});

/** A route plan's status as a person says it. */
export const PLAN_STATUS_LABELS = defineMessages('delivery.planStatus', {
  queued: { zh: '排队中', en: 'queued' },
  running: { zh: '计算中', en: 'running' },
  done: { zh: '草稿', en: 'done' },
  failed: { zh: '失败', en: 'failed' },
  published: { zh: '已发布', en: 'published' },
  superseded: { zh: '已被取代', en: 'superseded' },
});

const labelOf = (messages: Record<string, Message>, code: string): Message | undefined => (Object.hasOwn(messages, code) ? messages[code] : undefined);
export const dietLabel = (code: string) => labelOf(DIET_LABELS, code);
export const textureLabel = (code: string) => labelOf(TEXTURE_LABELS, code);
export const outcomeLabel = (code: string) => labelOf(OUTCOME_LABELS, code);
export const planStatusLabel = (code: string) => labelOf(PLAN_STATUS_LABELS, code);

/** Code → label in one locale (pages and their scripts show labels, the API keeps codes). */
export const codeLabels = (locale: string, messages: Record<string, Message>): Record<string, string> =>
  Object.fromEntries(Object.entries(messages).map(([code, m]) => [code, t(locale, m)]));

/** The labels of the printed pages in one locale (plus diet and texture labels by code). */
export function labels(locale: string) {
  const words = Object.fromEntries(Object.entries(LM).map(([k, m]) => [k, t(locale, m)])) as Record<keyof typeof LM, string>;
  return { ...words, diets: codeLabels(locale, DIET_LABELS), textures: codeLabels(locale, TEXTURE_LABELS) };
}
export type Labels = ReturnType<typeof labels>;

/** Names a default slot still has in any language ("Lunch", "午餐"): shown in the reader's language. */
const DEFAULT_NAMES = new Set(Object.values(SLOT_NAMES).flatMap((m) => [m['zh-CN'], m.en]));

/** The slot's name in the reader's locale: a default slot keeps its default name per language, a renamed one its own name. */
export function slotName(locale: string, code: string, name: string): string {
  const m = labelOf(SLOT_NAMES, code);
  return m && DEFAULT_NAMES.has(name) ? t(locale, m) : name;
}

/** The same for an API answer: a default slot's name as a sentence the router renders in the reader's locale. */
export function slotNameText(code: string, name: string): Text {
  const m = labelOf(SLOT_NAMES, code);
  return m && DEFAULT_NAMES.has(name) ? say(m) : name;
}
