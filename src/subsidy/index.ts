/** Public API of the canteen subsidy rules (pure: no I/O, no clock). See `./README.md`. */
export * from './policy-schema.js';
export * from './engine.js';
export * from './audit-types.js';
export * from './audit-rules.js';
export { buildAuditContext, type AuditContext } from './audit-context.js';
export { parseLocalDate, withinInclusive } from '../time/index.js';
