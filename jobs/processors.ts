import type { Job } from 'bullmq';
import type { Deps } from '../src/deps.js';
import type { Payload, QueueName } from '../src/queues/definitions.js';
import { processPeopleImport } from './people-import.js';
import { processOrdersGenerate } from './orders-generate.js';
import { processRoutesPlan } from './routes-plan.js';
import { processWelfareEscalate } from './welfare-escalate.js';
import { processRosterPlan } from './roster-plan.js';
import { processSubsidySettle } from './subsidy-settle.js';
import { processAuditScan } from './audit-scan.js';
import { processGeocodeAddress } from './geocode-address.js';
import { processTicketsEscalate } from './tickets-escalate.js';
import { processNotifySend } from './notify-send.js';
import { processWelfareLadder } from './welfare-ladder.js';
import { processRouteDepart } from './route-depart.js';

export type Processor<Q extends QueueName> = (job: Job<Payload<Q>>, deps: Deps) => Promise<unknown>;

/** The processor of each queue; each is thin and calls a domain service. */
export const processors: { [Q in QueueName]?: Processor<Q> } = {
  'people.import': processPeopleImport,
  'orders.generate': processOrdersGenerate,
  'routes.plan': processRoutesPlan,
  'welfare.escalate': processWelfareEscalate,
  'roster.plan': processRosterPlan,
  'subsidy.settle': processSubsidySettle,
  'audit.scan': processAuditScan,
  'geocode.address': processGeocodeAddress,
  'tickets.escalate': processTicketsEscalate,
  'notify.send': processNotifySend,
  'welfare.ladder': processWelfareLadder,
  'route.depart': processRouteDepart,
};
