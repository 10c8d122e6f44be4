import type { Deps } from './deps.js';
import type { Modules } from './kernel/modules.js';
import type { WebRouter } from './web/web-router.js';

/** Every module's screens, in `pageOrder` (src/modules.ts): the order of the navigation bar. */
export function registerAllPages(web: WebRouter, deps: Deps, modules: Modules): void {
  for (const m of modules.pageOrder) for (const register of m.pages ?? []) register(web, deps, modules);
}
