/**
 * The composition root: the one place that names every domain. Each module lists its routes,
 * screens, per-tenant schedules, spreadsheet importers, job processors (jobs/) and recovery
 * steps; the kernel (src/app.ts, src/workers/, src/imports/, src/queues/schedules.ts) receives
 * them as `modules` and imports no domain itself (`npm run lint:deps`, docs/CONVENTIONS.md).
 * A new domain adds one entry here, and its name to `pageOrder` if it has screens.
 */
import { composeModules } from './kernel/modules.js';
import type { DomainModule } from './kernel/modules.js';
import { registerImportRoutes } from './imports/routes.js';
import { registerJobRoutes } from './jobs-view/routes.js';
import { registerTenancyRoutes } from './tenancy/routes.js';
import { registerSignInPages } from './tenancy/web/sign-in-pages.js';
import { registerUserPages } from './tenancy/web/user-pages.js';
import { registerPeopleRoutes } from './people/routes.js';
import { residentsImporter } from './people/import-residents.js';
import { registerDeliveryRoutes } from './delivery/http.js';
import { recipientsImporter } from './delivery/setup/import-recipients.js';
import { syncOrderSchedule } from './delivery/orders/order-schedule.js';
import { requeueLostWelfareChecks } from './delivery/welfare/welfare-recovery.js';
import { requeueLostLadderSteps } from './delivery/welfare/welfare-ladder.js';
import { registerDriverPages } from './delivery/web/driver-pages.js';
import { registerDeskPages } from './delivery/web/desk-pages.js';
import { registerBoardPages } from './delivery/web/board-pages.js';
import { registerAlertPages } from './delivery/web/alerts-pages.js';
import { registerRecipientPages } from './delivery/web/recipient-pages.js';
import { registerImportPages } from './delivery/web/import-pages.js';
import { registerCanteenRoutes } from './canteen/routes.js';
import { syncCanteenSchedules } from './canteen/schedules.js';
import { registerTillPages } from './canteen/web/till-pages.js';
import { registerAuditPages } from './canteen/web/audit-pages.js';
import { registerNursingRoutes } from './nursing/http.js';
import { registerWardPages } from './nursing/web/ward-pages.js';
import { registerRosterPages } from './nursing/web/roster-pages.js';
import { registerAidePages } from './nursing/web/aide-pages.js';
import { registerVoiceRoutes } from './voice/routes.js';
import { syncVoiceSchedules } from './voice/schedules.js';
import { registerVoiceStaffPages } from './voice/web/staff-pages.js';
import { registerRatePages } from './voice/web/rate-pages.js';
import { registerNotifyRoutes } from './notify/routes.js';
import { recoverOutbox } from './notify/recovery.js';
import { registerNotifyPages } from './notify/web/notify-pages.js';
import { enqueuePendingGeocodes } from './geocoding/service.js';
import { processPeopleImport } from '../jobs/people-import.js';
import { processOrdersGenerate } from '../jobs/orders-generate.js';
import { processRoutesPlan } from '../jobs/routes-plan.js';
import { processWelfareEscalate } from '../jobs/welfare-escalate.js';
import { processWelfareLadder } from '../jobs/welfare-ladder.js';
import { processRouteDepart } from '../jobs/route-depart.js';
import { processRosterPlan } from '../jobs/roster-plan.js';
import { processSubsidySettle } from '../jobs/subsidy-settle.js';
import { processAuditScan } from '../jobs/audit-scan.js';
import { processGeocodeAddress } from '../jobs/geocode-address.js';
import { processTicketsEscalate } from '../jobs/tickets-escalate.js';
import { processNotifySend } from '../jobs/notify-send.js';

/** In the order of the OpenAPI document (routes register in this order). */
const list: DomainModule[] = [
  { name: 'tenancy', routes: [registerTenancyRoutes], pages: [registerSignInPages, registerUserPages] },
  { name: 'people', routes: [registerPeopleRoutes], importers: [residentsImporter] },
  // The kernel's spreadsheet imports: its endpoints and the job that runs every module's importer.
  { name: 'imports', routes: [registerImportRoutes], processors: { 'people.import': processPeopleImport } },
  {
    name: 'delivery',
    routes: [registerDeliveryRoutes],
    pages: [
      registerDriverPages,
      registerDeskPages,
      registerBoardPages,
      registerAlertPages,
      registerRecipientPages,
      registerImportPages,
    ],
    schedules: [syncOrderSchedule],
    importers: [recipientsImporter],
    processors: {
      'orders.generate': processOrdersGenerate,
      'routes.plan': processRoutesPlan,
      'welfare.escalate': processWelfareEscalate,
      'welfare.ladder': processWelfareLadder,
      'route.depart': processRouteDepart,
    },
    recovery: [
      { what: 'welfare checks', run: requeueLostWelfareChecks },
      { what: 'welfare ladder steps', run: requeueLostLadderSteps },
    ],
  },
  {
    name: 'canteen',
    routes: [registerCanteenRoutes],
    pages: [registerTillPages, registerAuditPages],
    schedules: [syncCanteenSchedules],
    processors: { 'subsidy.settle': processSubsidySettle, 'audit.scan': processAuditScan },
  },
  {
    name: 'nursing',
    routes: [registerNursingRoutes],
    pages: [registerWardPages, registerRosterPages, registerAidePages],
    processors: { 'roster.plan': processRosterPlan },
  },
  {
    name: 'voice',
    routes: [registerVoiceRoutes],
    pages: [registerVoiceStaffPages, registerRatePages],
    schedules: [syncVoiceSchedules],
    processors: { 'tickets.escalate': processTicketsEscalate },
  },
  {
    name: 'notify',
    routes: [registerNotifyRoutes],
    pages: [registerNotifyPages],
    processors: { 'notify.send': processNotifySend },
    recovery: [{ run: recoverOutbox }],
  },
  // The kernel's read-only view of a tenant's jobs (GET /jobs).
  { name: 'jobs-view', routes: [registerJobRoutes] },
  // Addresses of imported people are geocoded after every import.
  {
    name: 'geocoding',
    processors: { 'geocode.address': processGeocodeAddress },
    afterImport: [enqueuePendingGeocodes],
  },
];

export const modules = composeModules(list, {
  // The navigation bar: nursing's wards come before the canteen's till (unlike the API's order).
  pageOrder: ['tenancy', 'delivery', 'nursing', 'canteen', 'voice', 'notify'],
});
