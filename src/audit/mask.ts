import { maskIdNumber, maskNumbersInText, maskPhone } from '../privacy.js';

/**
 * An audit row's before/after as everyone but an admin sees it: every ID number and phone masked
 * — by field name (idNumber, phone, gridWorkerPhone, contacts' phones…) and by pattern in any
 * other string (notes, names of fields nobody foresaw) — and birth dates cut to the year, since
 * beside a masked ID number a full birth date rebuilds it.
 */
export function maskAuditValue(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (/idnumber/i.test(key)) return maskIdNumber(value);
    if (/phone|mobile|tel$/i.test(key)) return maskPhone(value);
    if (/birthdate/i.test(key) && /^\d{4}-\d{2}-\d{2}/.test(value)) return `${value.slice(0, 4)}-**-**`;
    return maskNumbersInText(value);
  }
  if (Array.isArray(value)) return value.map((v) => maskAuditValue(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskAuditValue(v, k)]));
  }
  return value;
}
