import type { Deps } from './deps.js';
import type { WebRouter } from './web/web-router.js';
import { registerSignInPages } from './tenancy/web/sign-in-pages.js';
import { registerUserPages } from './tenancy/web/user-pages.js';
import { registerDriverPages } from './delivery/web/driver-pages.js';
import { registerRosterPages } from './nursing/web/roster-pages.js';
import { registerAidePages } from './nursing/web/aide-pages.js';

/** Every domain's screens; the order of registration is the order of the navigation bar. */
export function registerAllPages(web: WebRouter, deps: Deps): void {
  registerSignInPages(web, deps);
  registerUserPages(web, deps);
  registerDriverPages(web, deps);
  registerRosterPages(web, deps);
  registerAidePages(web, deps);
}
