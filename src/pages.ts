import type { Deps } from './deps.js';
import type { WebRouter } from './web/web-router.js';
import { registerSignInPages } from './tenancy/web/sign-in-pages.js';
import { registerUserPages } from './tenancy/web/user-pages.js';
import { registerDriverPages } from './delivery/web/driver-pages.js';
import { registerBoardPages } from './delivery/web/board-pages.js';
import { registerAlertPages } from './delivery/web/alerts-pages.js';
import { registerRecipientPages } from './delivery/web/recipient-pages.js';
import { registerImportPages } from './delivery/web/import-pages.js';
import { registerRosterPages } from './nursing/web/roster-pages.js';
import { registerAidePages } from './nursing/web/aide-pages.js';
import { registerWardPages } from './nursing/web/ward-pages.js';
import { registerDeskPages } from './delivery/web/desk-pages.js';
import { registerTillPages } from './canteen/web/till-pages.js';
import { registerAuditPages } from './canteen/web/audit-pages.js';
import { registerRatePages } from './voice/web/rate-pages.js';
import { registerVoiceStaffPages } from './voice/web/staff-pages.js';
import { registerNotifyPages } from './notify/web/notify-pages.js';

/** Every domain's screens; the order of registration is the order of the navigation bar. */
export function registerAllPages(web: WebRouter, deps: Deps): void {
  registerSignInPages(web, deps);
  registerUserPages(web, deps);
  registerDriverPages(web, deps);
  registerDeskPages(web, deps);
  registerBoardPages(web, deps);
  registerAlertPages(web, deps);
  registerRecipientPages(web, deps);
  registerImportPages(web, deps);
  registerWardPages(web, deps);
  registerRosterPages(web, deps);
  registerAidePages(web, deps);
  registerTillPages(web, deps);
  registerAuditPages(web, deps);
  registerVoiceStaffPages(web, deps);
  registerRatePages(web, deps);
  registerNotifyPages(web, deps);
}
