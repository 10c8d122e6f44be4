import { z } from 'zod';
import { DateTime } from 'luxon';
import type { Deps } from '../../deps.js';
import { t } from '../../i18n/index.js';
import { html, type SafeHtml } from '../../web/html.js';
import type { WebRouter } from '../../web/web-router.js';
import { yuan } from '../../subsidy/explain.js';
import { canteenForCaller } from '../canteen-service.js';
import { month } from '../schemas.js';
import { listSettlements } from '../settlement-service.js';
import type { Totals } from '../totals.js';
import { ageTierText, fundLabel, ruleText, statusText } from '../labels.js';
import { AM } from './audit-messages.js';

/**
 * The settlement statement of one canteen and month, printable on A4 for signature: yuan, Chinese
 * headings, totals by fund, by rule, by age tier and by status, then the signature lines.
 */
export function registerStatementPage(web: WebRouter, deps: Deps): void {
  web.page({ path: '/app/canteen/audit/statement', access: ['auditor'], query: z.strictObject({ canteen: z.uuid(), month }) }, async ({ ctx, locale, query }) => {
    const canteen = await canteenForCaller(deps, ctx, query.canteen, 'read');
    const [s] = await listSettlements(deps, ctx, { month: query.month, canteenId: canteen.id });
    const title = t(locale, AM.stTitle, { canteen: canteen.name, month: query.month });
    if (!s) return { title, body: html`<h1>${title}</h1><p class="card">${t(locale, AM.notSettled, { month: query.month })}</p>` };
    const tt = s.totals as unknown as Totals;
    const head = html`<tr><th>${t(locale, AM.stItem)}</th><th class="num">${t(locale, AM.stMeals)}</th><th class="num">${t(locale, AM.stAmount)}</th></tr>`;
    const bucketTable = (rows: [string, { meals: number; subsidy: number }][]): SafeHtml => html`<table class="statement-table">${head}
      ${rows.map(([label, b]) => html`<tr><td>${label}</td><td class="num">${b.meals}</td><td class="num">${yuan(b.subsidy)}</td></tr>`)}
      <tr class="total"><td>${t(locale, AM.stTotal)}</td><td class="num">${rows.reduce((n, [, b]) => n + b.meals, 0)}</td><td class="num">${yuan(rows.reduce((n, [, b]) => n + b.subsidy, 0))}</td></tr></table>`;
    const line = (label: string, value: string | number) => html`<tr><td>${label}</td><td class="num">${value}</td></tr>`;
    const funds = Object.keys({ ...tt.subsidyByFund, ...tt.subsidyDueByFund }).sort();
    return {
      title,
      styles: ['canteen/audit.css'],
      body: html`
<article class="statement">
  <h1>${title}</h1>
  <p class="muted">${t(locale, AM.stLocked, { time: DateTime.fromJSDate(s.lockedAt, { zone: ctx.timeZone }).toFormat('yyyy-MM-dd HH:mm') })}</p>
  <p class="no-print"><button type="button" data-print>${t(locale, AM.print)}</button></p>
  <h2>${t(locale, AM.stOverview)}</h2>
  <table class="statement-table">
    ${line(t(locale, AM.stTotalMeals), tt.meals)}${line(t(locale, AM.stSubsidised), tt.subsidisedMeals)}${line(t(locale, AM.stVoided), tt.voidedMeals)}
    ${line(t(locale, AM.stDiners), tt.diners)}${line(`${t(locale, AM.stFullPrice)}（元）`, yuan(tt.fullPriceRevenue))}
    ${line(`${t(locale, AM.stPaid)}（元）`, yuan(tt.paidByDiners))}${line(`${t(locale, AM.stSubsidy)}（元）`, yuan(tt.subsidy))}
    ${line(`${t(locale, AM.stAdjustments)}（元）`, yuan(tt.adjustments.amount))}
    <tr class="total"><td>${t(locale, AM.stDue)}（元）</td><td class="num">${yuan(tt.subsidyDue)}</td></tr>
  </table>
  <h2>${t(locale, AM.stByFund)}</h2>
  <table class="statement-table"><tr><th>${t(locale, AM.stItem)}</th><th class="num">${t(locale, AM.stSubsidy)}（元）</th><th class="num">${t(locale, AM.stAdjustments)}（元）</th><th class="num">${t(locale, AM.stDue)}（元）</th></tr>
    ${funds.map((f) => html`<tr><td>${fundLabel(locale, f)}</td><td class="num">${yuan(tt.subsidyByFund[f] ?? 0)}</td><td class="num">${yuan(tt.adjustments.byFund[f] ?? 0)}</td><td class="num">${yuan(tt.subsidyDueByFund[f] ?? 0)}</td></tr>`)}
    <tr class="total"><td>${t(locale, AM.stTotal)}</td><td class="num">${yuan(tt.subsidy)}</td><td class="num">${yuan(tt.adjustments.amount)}</td><td class="num">${yuan(tt.subsidyDue)}</td></tr></table>
  <h2>${t(locale, AM.stByRule)}</h2>${bucketTable(Object.entries(tt.byRule).map(([k, b]) => [ruleText(locale, k), b]))}
  <h2>${t(locale, AM.stByAge)}</h2>${bucketTable(Object.entries(tt.byAgeTier).map(([k, b]) => [ageTierText(locale, k), b]))}
  <h2>${t(locale, AM.stByStatus)}</h2>${bucketTable(Object.entries(tt.byStatus).map(([k, b]) => [statusText(locale, k), b]))}
  <div class="signatures">
    <p>${t(locale, AM.stSignOperator)}</p><p>${t(locale, AM.stSignAuditor)}</p><p>${t(locale, AM.stSignBureau)}</p><p>${t(locale, AM.stSignDate)}</p>
  </div>
</article>`,
    };
  });
}
