import type { ApiRouter } from '../http/api-router.js';
import type { Deps } from '../deps.js';
import { registerNursingCareRoutes } from './care/http-care.js';
import { registerNursingConsentRoutes } from './care/http-consent.js';
import { registerNursingRosterRoutes } from './roster/http-roster.js';
import { registerNursingAideRoutes } from './aides/http-aide.js';
import { registerNursingSetupRoutes } from './setup/http-setup.js';

/** Hospital accompany-free nursing (SPEC §3). */
export function registerNursingRoutes(api: ApiRouter, deps: Deps): void {
  registerNursingSetupRoutes(api, deps);
  registerNursingCareRoutes(api, deps);
  registerNursingConsentRoutes(api, deps);
  registerNursingRosterRoutes(api, deps);
  registerNursingAideRoutes(api, deps);
}
