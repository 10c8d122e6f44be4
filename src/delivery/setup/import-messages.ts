import { defineMessages } from '../../i18n/index.js';

/** What the recipients import says about itself and its columns (GET /imports/kinds). */
export const recipientImportMessages = defineMessages('delivery.import', {
  kind: {
    zh: '送餐对象：每位老人的送餐档案和送餐计划，以身份证号为键。',
    en: 'Meal-delivery recipients: delivery profile and meal plan per resident, keyed by ID-card number.',
  },
  idNumber: { zh: '已登记老人的身份证号（导入的键）', en: 'ID-card number of a registered resident (the import key)' },
  kitchen: { zh: '厨房名称或编号；只有一个厨房时可不填', en: 'Kitchen name or id; may be left out when the tenant has one kitchen' },
  diet: {
    zh: '普通/糖尿病/低盐/软食/碎食/糊状/清真/素食（或 regular/diabetic/low_salt/soft/minced/pureed/halal/vegetarian）',
    en: 'regular/diabetic/low_salt/soft/minced/pureed/halal/vegetarian or 普通/糖尿病/低盐/软食/碎食/糊状/清真/素食',
  },
  texture: { zh: '普通/软/碎/糊（regular/soft/minced/pureed）', en: 'regular/soft/minced/pureed' },
  allergies: { zh: '多个用“;”分隔', en: "Separated by ';'" },
  accessNotes: { zh: '例如“耳背，请大声敲门”', en: 'e.g. "deaf — knock loudly"' },
  emergencyContacts: { zh: '姓名/关系/电话，多个用“;”分隔', en: "name/relation/phone, several separated by ';'" },
  gridWorkerName: { zh: '社区网格员', en: 'Community grid worker' },
  gridWorkerPhone: { zh: '网格员电话', en: 'Grid worker phone' },
  slots: { zh: '午餐;晚餐（或 lunch;dinner）——只建档不送餐则留空', en: 'lunch;dinner or 午餐;晚餐 — leave empty for a profile without a plan' },
  weekdays: { zh: '1-5、1,3,5、每天、工作日、一至五（1 = 星期一）', en: '1-5, 1,3,5, daily/每天, weekdays/工作日, 一至五 (1 = Monday)' },
  startDate: { zh: 'YYYY-MM-DD（填了餐次则必填）', en: 'YYYY-MM-DD (required with slots)' },
  endDate: { zh: 'YYYY-MM-DD', en: 'YYYY-MM-DD' },
  quantity: { zh: '每次送餐份数（默认 1）', en: 'Meals per delivery (default 1)' },
});
