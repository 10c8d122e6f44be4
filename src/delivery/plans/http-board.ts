import type { ApiRouter } from '../../http/api-router.js';
import type { Deps } from '../../deps.js';
import { boardQuery, boardSchema, dayBoard } from './board-service.js';
import { MANAGERS } from '../setup/http-setup.js';

/** The live day board the manager's screen polls (and integrations may too). */
export function registerDeliveryBoardRoutes(api: ApiRouter, deps: Deps): void {
  api.add({ method: 'get', path: '/delivery/board', summary: 'Live day board: per driver done/total, next ETA, late and not-home stops, open alerts, the day’s figures',
    tags: ['delivery'], access: [...MANAGERS], query: boardQuery, responses: { 200: { description: 'Board', schema: boardSchema } } },
  async ({ ctx, query }) => ({ body: await dayBoard(deps, ctx, query) }));
}
