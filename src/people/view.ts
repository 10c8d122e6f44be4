import type { Person, PersonStatus } from '../generated/prisma/client.js';
import { maskIdNumber, maskPhone } from '../privacy.js';
import { ageOn, withinInclusive } from '../time/index.js';

export function statusActiveOn(s: Pick<PersonStatus, 'validFrom' | 'validTo'>, date: string): boolean {
  return withinInclusive(date, s.validFrom, s.validTo);
}

export interface ViewOptions {
  /** Local date for the age and active statuses. */
  on: string;
  /** Only admins see the full ID number. */
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
    birthDate: p.birthDate,
    age: ageOn(p.birthDate, o.on),
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
      .map((s) => ({ id: s.id, code: s.code, validFrom: s.validFrom, validTo: s.validTo, note: s.note, activeOnDate: statusActiveOn(s, o.on) })),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
