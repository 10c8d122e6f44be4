import type { ApiRouter } from '../http/api-router.js';
import type { Deps } from '../deps.js';
import { registerNursingCareRoutes } from './routes-care.js';
import { registerNursingConsentRoutes } from './routes-consent.js';
import { registerNursingRosterRoutes } from './routes-roster.js';
import { registerNursingAideRoutes } from './routes-aide.js';
import { registerNursingSetupRoutes } from './routes-setup.js';

/** Hospital accompany-free nursing (SPEC §3). */
export function registerNursingRoutes(api: ApiRouter, deps: Deps): void {
  registerNursingSetupRoutes(api, deps);
  registerNursingCareRoutes(api, deps);
  registerNursingConsentRoutes(api, deps);
  registerNursingRosterRoutes(api, deps);
  registerNursingAideRoutes(api, deps);
}
