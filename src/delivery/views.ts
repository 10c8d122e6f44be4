import type { Hold, MealPlan, Person, Recipient } from '../generated/prisma/client.js';
import { maskPhone } from '../privacy.js';

/** Drops the tenant id from a row before it leaves the API. */
export function strip<T extends { tenantId: string }>(row: T): Omit<T, 'tenantId'> {
  const { tenantId: _t, ...rest } = row;
  return rest;
}

export interface EmergencyContact {
  name: string;
  relation?: string;
  phone: string;
}

export function contactsOf(json: unknown): EmergencyContact[] {
  return Array.isArray(json) ? (json as EmergencyContact[]) : [];
}

/**
 * The one way a recipient leaves the API. Phones (the person's, the emergency contacts', the
 * grid worker's) are masked unless `revealPhones` (a single record for a kitchen manager).
 */
export function recipientView(
  r: Recipient & { person: Person; plans?: MealPlan[]; holds?: Hold[] },
  o: { revealPhones: boolean },
) {
  const phone = (p: string | null | undefined) => (o.revealPhones ? (p ?? null) : maskPhone(p));
  return {
    id: r.id,
    personId: r.personId,
    kitchenId: r.kitchenId,
    name: r.person.name,
    address: r.person.address,
    phone: phone(r.person.phone),
    lat: r.person.lat,
    lng: r.person.lng,
    livesAlone: r.person.livesAlone,
    diet: r.diet,
    texture: r.texture,
    allergies: r.allergies,
    accessNotes: r.accessNotes,
    emergencyContacts: contactsOf(r.emergencyContacts).map((c) => ({ ...c, phone: phone(c.phone) })),
    gridWorkerName: r.gridWorkerName,
    gridWorkerPhone: phone(r.gridWorkerPhone),
    active: r.active,
    ...(r.plans ? { plans: r.plans.map(strip) } : {}),
    ...(r.holds ? { holds: r.holds.map(strip) } : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** Escapes text for HTML and SVG (element content and attribute values). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
