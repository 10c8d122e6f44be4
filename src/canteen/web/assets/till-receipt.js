// Receipt and shift hand-over slips of the till, as DOM nodes the print stylesheet lays out on
// 58 mm / 80 mm thermal paper or A4 (receipt-print.css; no inline styles under the CSP).
import { t, el } from '../web/app.js';

export const yuan = (fen) => (fen / 100).toFixed(2);

function when(at, d) {
  return new Intl.DateTimeFormat(d.locale, { timeZone: d.timeZone, dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(at));
}

const line = (label, value, cls = '') => el('div', { class: `rc-line ${cls}` }, el('span', {}, label), el('span', {}, value));

/** A meal's receipt: canteen, number, diner, slot, time, price, subsidy, payable, the rule in words. */
export function receiptOf(m, d) {
  return el('div', { class: 'rc' },
    el('h2', { class: 'rc-title' }, d.canteen.name),
    el('p', { class: 'rc-sub' }, t('canteen.till.receiptTitle')),
    line(t('canteen.till.receiptNo'), m.id.slice(-8).toUpperCase()),
    line(t('canteen.till.diner'), m.diner?.name ?? t('canteen.till.visitor')),
    line(t('canteen.till.slot'), t(`canteen.till.${m.slot}`)),
    line(t('canteen.till.servedAt'), when(m.servedAt, d)),
    el('hr'),
    line(t('canteen.till.price'), yuan(m.price)),
    line(t('canteen.till.subsidy'), `-${yuan(m.subsidy)}`),
    line(t('canteen.till.payable'), yuan(m.payable), 'rc-total'),
    el('p', { class: 'rc-rule' }, `${t('canteen.till.rule')}：${m.message}`),
    m.status === 'voided' ? el('p', { class: 'rc-void' }, t('canteen.till.voided')) : null,
    line(t('canteen.till.cashier'), d.cashier.name),
    el('p', { class: 'rc-thanks' }, t('canteen.till.thanks')),
    // The diner's rating code for this visit (residents' voice), drawn by the server as SVG.
    m.status === 'active' && m.id ? el('figure', { class: 'rc-qr' },
      el('img', { src: `/voice/codes/qr.svg?subjectKind=canteen_visit&subjectId=${encodeURIComponent(m.id)}`, alt: t('voice.rateHere') }),
      el('figcaption', {}, t('voice.rateHere'))) : null);
}

/** The shift hand-over slip: what the cashier collected since the shift began, to sign. */
export function shiftSlipOf(s, d) {
  return el('div', { class: 'rc' },
    el('h2', { class: 'rc-title' }, d.canteen.name),
    el('p', { class: 'rc-sub' }, t('canteen.till.shift')),
    el('p', {}, t('canteen.till.shiftSince', { time: when(s.since, d), name: d.cashier.name })),
    el('hr'),
    line(t('canteen.till.meals'), String(s.meals)),
    line(t('canteen.till.subsidised'), String(s.subsidisedMeals)),
    line(t('canteen.till.voidedMeals'), String(s.voidedMeals)),
    line(t('canteen.till.fullPrice'), yuan(s.fullPriceRevenue)),
    line(t('canteen.till.subsidyTotal'), yuan(s.subsidy)),
    line(t('canteen.till.collected'), yuan(s.paidByDiners), 'rc-total'),
    el('p', { class: 'rc-sign' }, `${t('canteen.till.cashier')}：________　　________`));
}
