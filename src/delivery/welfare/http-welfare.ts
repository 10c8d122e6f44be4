import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router.js';
import { idParams } from '../../http/common-schemas.js';
import type { Deps } from '../../deps.js';
import { MANAGERS } from '../setup/http-setup.js';
import { ladderOf, ladderSchema, updateLadder } from './welfare-ladder.js';
import { alertTimeline } from './welfare-timeline.js';

const tags = ['delivery'];

const toldSchema = z.object({
  audience: z.string(), label: z.string().nullable(), channel: z.string().nullable(), recipient: z.string().nullable().describe('Masked'),
  status: z.string().nullable(), sentAt: z.date().nullable(), skipped: z.string().optional(),
});
const timelineSchema = z.object({
  alertId: z.uuid(),
  entries: z.array(z.object({
    at: z.date(), kind: z.enum(['not_home', 'alert_opened', 'ladder_step', 'ladder_stopped', 'urgent', 'acknowledged', 'resolved']),
    step: z.number().int().optional(), reason: z.string().nullable().optional(), told: z.array(toldSchema).optional(),
  })),
});
const ladderAnswer = z.object({ steps: z.array(z.object({ afterSeconds: z.number().int(), audience: z.array(z.string()), urgent: z.boolean() })) });

/** The welfare ladder of the tenant and the timeline of an alert (who was told, when, on which channel). */
export function registerWelfareLadderRoutes(api: ApiRouter, deps: Deps): void {
  const m = [...MANAGERS];
  api.add({ method: 'get', path: '/delivery/alerts/:id/timeline', summary: 'What happened to a welfare alert: each ladder step and who was told (masked)', tags,
    access: m, params: idParams, responses: { 200: { description: 'Timeline, oldest first', schema: timelineSchema } } },
  async ({ ctx, params }) => ({ body: await alertTimeline(deps, ctx, params.id) }));
  api.add({ method: 'get', path: '/delivery/welfare-ladder', summary: 'The welfare escalation ladder (steps after a not-home)', tags, access: m,
    responses: { 200: { description: 'Ladder', schema: ladderAnswer } } },
  async ({ ctx }) => ({ body: await ladderOf(deps, ctx.tenantId) }));
  api.add({ method: 'put', path: '/delivery/welfare-ladder', summary: 'Change the welfare escalation ladder (applies to not-homes from now on)', tags,
    access: m, body: ladderSchema, responses: { 200: { description: 'Ladder', schema: ladderAnswer } } },
  async ({ ctx, body }) => ({ body: await updateLadder(deps, ctx, body) }));
}
