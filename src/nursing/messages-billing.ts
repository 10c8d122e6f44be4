import { defineMessages } from '../i18n/index.js';

/** The printed invoice's labels (GET /nursing/invoices/{id}/html), zh-CN first. */
export const invoiceLabels = defineMessages('nursing.invoiceHtml', {
  title: { zh: '免陪照护费用结算单', en: 'Accompany-free nursing care invoice' },
  patient: { zh: '患者', en: 'Patient' },
  ward: { zh: '病区', en: 'Ward' },
  bed: { zh: '床位', en: 'Bed' },
  admitted: { zh: '入院', en: 'Admitted' },
  discharged: { zh: '出院', en: 'Discharged' },
  period: { zh: '计费期间', en: 'Billed period' },
  level: { zh: '护理等级', en: 'Care level' },
  from: { zh: '起', en: 'From' },
  to: { zh: '止', en: 'To' },
  days: { zh: '天数', en: 'Days' },
  fee: { zh: '日费用 (元)', en: 'Daily fee (CNY)' },
  amount: { zh: '金额 (元)', en: 'Amount (CNY)' },
  total: { zh: '合计', en: 'Total' },
  issued: { zh: '开具时间', en: 'Issued' },
  number: { zh: '票据号', en: 'Invoice No.' },
  capitals: { zh: '合计金额（大写）', en: 'Total in Chinese capitals (大写)' },
  payer: { zh: '缴款人', en: 'Paid by' },
  cashier: { zh: '收款人', en: 'Cashier' },
  reviewer: { zh: '复核人', en: 'Checked by' },
  seal: { zh: '收款单位（盖章）', en: 'Hospital seal' },
  note: {
    zh: '按每个自然日所执行的护理等级日费用计费；住院不足 24 小时按 1 天计。',
    en: 'Each local calendar day is billed at the daily fee of the care level in force that day; a stay under 24 h counts one day.',
  },
});
