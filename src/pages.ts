import type { Deps } from './deps.js';
import type { WebRouter } from './web/web-router.js';
import { registerSignInPages } from './tenancy/web/sign-in-pages.js';
import { registerUserPages } from './tenancy/web/user-pages.js';
import { registerDriverPages } from './delivery/web/driver-pages.js';
import { registerNotifyPages } from './notify/web/notify-pages.js';

/** Every domain's screens; the order of registration is the order of the navigation bar. */
export function registerAllPages(web: WebRouter, deps: Deps): void {
  registerSignInPages(web, deps);
  registerUserPages(web, deps);
  registerDriverPages(web, deps);
  registerNotifyPages(web, deps);
}
