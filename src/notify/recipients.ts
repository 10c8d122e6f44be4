import { maskPhone } from '../privacy.js';

/** Phone numbers are stored as given; these forms compare equal (opt-outs, subscriptions). */
export function normalisePhone(p: string): string {
  return p.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
}

const PHONE = /^\+?\d{6,15}$/;

/** A recipient as logs, lists and timelines show it: phones masked, roles/groups/user ids as they are. */
export function maskRecipient(recipient: string): string {
  return PHONE.test(recipient) ? (maskPhone(recipient) ?? '') : recipient;
}
