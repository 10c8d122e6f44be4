// PII masking used by every response and list that shows people.

/** Masks an 18-character ID-card number as 3601**********1234. */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return id ?? null;
  return id.length <= 8 ? '*'.repeat(id.length) : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** Masks a phone number as 138****5678. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\s+/g, '');
  return digits.length <= 7 ? '*'.repeat(digits.length) : `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

const ID_IN_TEXT = /(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])/g;
const MOBILE_IN_TEXT = /(?<![0-9])((?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4})(?![0-9])/g;

/** Masks every ID number and mobile number written inside free text (notes, reasons). */
export function maskNumbersInText(s: string): string {
  return s.replace(ID_IN_TEXT, (m) => maskIdNumber(m) ?? m).replace(MOBILE_IN_TEXT, (m) => maskPhone(m.replace(/[- ]/g, '')) ?? m);
}
