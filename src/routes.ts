import type { ApiRouter } from './http/api-router.js';
import type { Deps } from './deps.js';
import type { Modules } from './kernel/modules.js';

/** Every module's routes, in the order of src/modules.ts (the order of the OpenAPI document). */
export function registerAllRoutes(api: ApiRouter, deps: Deps, modules: Modules): void {
  for (const m of modules.list) for (const register of m.routes ?? []) register(api, deps, modules);
}
