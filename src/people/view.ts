import type { Person, PersonStatus } from '../generated/prisma/client.js';
import { maskIdNumber, maskNumbersInText, maskPhone } from '../privacy.js';
import { ageOrNull, withinInclusive } from '../time/index.js';

export function statusActiveOn(s: Pick<PersonStatus, 'validFrom' | 'validTo'>, date: string): boolean {
  return withinInclusive(date, s.validFrom, s.validTo);
}

export interface ViewOptions {
  /** Local date for the age (admins) and active statuses. */
  on: string;
  /** Today in the tenant zone: the date of the age everyone but admins sees. */
  today: string;
  /**
   * Only admins see the full ID number — and the full birth date, its digits 7–14: beside a masked
   * number (first 4 and last 4 shown) the birth date would leave only two unknown digits, so the
   * number could be rebuilt and confirmed. Everyone else gets the birth year and the age on today
   * (an age on any requested date would let one bisect for the birthday).
   */
  revealIdNumber: boolean;
  /** Lists mask phones; a single record shows it to roles that call people. */
  revealPhone: boolean;
}

/** The one way a Person leaves the API: masked as the caller's role requires. */
export function personView(p: Person & { statuses: PersonStatus[] }, o: ViewOptions) {
  return {
    id: p.id,
    name: p.name,
    gender: p.gender,
    birthDate: o.revealIdNumber ? p.birthDate : null,
    birthYear: Number(p.birthDate.slice(0, 4)),
    age: ageOrNull(p.birthDate, o.revealIdNumber ? o.on : o.today),
    idNumber: o.revealIdNumber ? p.idNumber : maskIdNumber(p.idNumber),
    phone: o.revealPhone ? p.phone : maskPhone(p.phone),
    address: p.address,
    lat: p.lat,
    lng: p.lng,
    geocodeStatus: p.geocodeStatus,
    geocodeConfidence: p.geocodeConfidence,
    livesAlone: p.livesAlone,
    localHukou: p.localHukou,
    cardNumber: p.cardNumber,
    deathDate: p.deathDate,
    statuses: p.statuses
      .slice()
      .sort((a, b) => a.validFrom.localeCompare(b.validFrom))
      .map((s) => ({ id: s.id, code: s.code, validFrom: s.validFrom, validTo: s.validTo, note: s.note && !o.revealIdNumber ? maskNumbersInText(s.note) : s.note, activeOnDate: statusActiveOn(s, o.on) })),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
