/**
 * What other domains may ask delivery to do (reads are in read.ts). People's registry calls
 * `cancelOrdersOfDeceased` inside its own transaction when a death is recorded, so the day's and
 * later meals stop now, not at tomorrow's order run.
 */
export { cancelOrdersOfDeceased } from './orders/order-service.js';
