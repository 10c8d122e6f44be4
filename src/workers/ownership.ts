import { UnrecoverableError } from 'bullmq';
import type { Deps } from '../deps.js';
import type { Payload, QueueName } from '../queues/definitions.js';

/**
 * Before a processor touches anything it re-checks that the tenant in the payload exists and
 * that every object id in the payload belongs to that tenant. A payload that mixes tenants
 * (a forged job, a bug in a producer) fails at once — no retries, nothing written — instead of
 * acting on another tenant's data. The services are tenant-scoped too; this is the second wall.
 */
type Check = (deps: Deps, p: Record<string, unknown>) => Promise<boolean>;

const owned = (find: (deps: Deps, tenantId: string, id: string) => Promise<unknown>, field: string): Check =>
  async (deps, p) => p[field] === undefined || (await find(deps, p.tenantId as string, p[field] as string)) !== null;

const checks: { [Q in QueueName]: Check[] } = {
  'people.import': [owned((d, tenantId, id) => d.prisma.importRun.findFirst({ where: { id, tenantId }, select: { id: true } }), 'importRunId')],
  'orders.generate': [],
  'routes.plan': [owned((d, tenantId, id) => d.prisma.routePlan.findFirst({ where: { id, tenantId }, select: { id: true } }), 'routePlanId')],
  'welfare.escalate': [owned((d, tenantId, id) => d.prisma.routeStop.findFirst({ where: { id, tenantId }, select: { id: true } }), 'routeStopId')],
  'subsidy.settle': [owned((d, tenantId, id) => d.prisma.canteen.findFirst({ where: { id, tenantId }, select: { id: true } }), 'canteenId')],
  'audit.scan': [],
  'roster.plan': [owned((d, tenantId, id) => d.prisma.rosterRun.findFirst({ where: { id, tenantId }, select: { id: true } }), 'rosterRunId')],
  'geocode.address': [owned((d, tenantId, id) => d.prisma.person.findFirst({ where: { id, tenantId }, select: { id: true } }), 'personId')],
  'tickets.escalate': [],
  'notify.send': [owned((d, tenantId, id) => d.prisma.notifyMessage.findFirst({ where: { id, tenantId }, select: { id: true } }), 'messageId')],
  'route.depart': [owned((d, tenantId, id) => d.prisma.route.findFirst({ where: { id, tenantId }, select: { id: true } }), 'routeId')],
  'welfare.ladder': [owned((d, tenantId, id) => d.prisma.routeStop.findFirst({ where: { id, tenantId }, select: { id: true } }), 'routeStopId')],
};

export async function assertPayloadOwnership<Q extends QueueName>(deps: Deps, queue: Q, payload: Payload<Q>): Promise<void> {
  const p = payload as Record<string, unknown>;
  const tenant = await deps.prisma.tenant.findUnique({ where: { id: p.tenantId as string }, select: { id: true } });
  if (!tenant) throw new UnrecoverableError(`${queue}: tenant ${String(p.tenantId)} does not exist; job refused.`);
  for (const check of checks[queue]) {
    if (!(await check(deps, p))) {
      throw new UnrecoverableError(`${queue}: an object in the payload does not belong to tenant ${String(p.tenantId)}; job refused, nothing changed.`);
    }
  }
}
