import type { ApiRouter } from './http/api-router.js';
import type { Deps } from './deps.js';
import { registerTenancyRoutes } from './tenancy/routes.js';
import { registerPeopleRoutes } from './people/routes.js';
import { registerImportRoutes } from './imports/routes.js';
import { registerDeliveryRoutes } from './delivery/routes.js';
import { registerCanteenRoutes } from './canteen/routes.js';
import { registerNursingRoutes } from './nursing/routes.js';
import { registerJobRoutes } from './jobs-view/routes.js';
import { registerVoiceRoutes } from './voice/routes.js';
import { registerNotifyRoutes } from './notify/routes.js';

/** Every domain's routes, in the order they appear in the OpenAPI document. */
export function registerAllRoutes(api: ApiRouter, deps: Deps): void {
  registerTenancyRoutes(api, deps);
  registerPeopleRoutes(api, deps);
  registerImportRoutes(api, deps);
  registerDeliveryRoutes(api, deps);
  registerCanteenRoutes(api, deps);
  registerNursingRoutes(api, deps);
  registerVoiceRoutes(api, deps);
  registerNotifyRoutes(api, deps);
  registerJobRoutes(api, deps);
}
