import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The rating code printed on a packing label, a receipt or a discharge invoice. It carries its
 * tenant, what it rates and when it expires, signed with the tenant's key: it opens the rating
 * page of that one meal or stay and nothing else, and cannot be made up or altered.
 * Layout (50 bytes → 67 base64url characters): version, kind, tenant id, subject id, expiry
 * (seconds since the epoch), the first 12 bytes of HMAC-SHA256.
 */
export const SUBJECT_KINDS = ['meal', 'canteen_visit', 'nursing_stay'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export interface RatingCode {
  kind: SubjectKind;
  tenantId: string;
  subjectId: string;
  expiresAt: Date;
}

const VERSION = 1;
const SIG_BYTES = 12;
const uuidBytes = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');
const uuidOf = (b: Buffer) => b.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
const mac = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest().subarray(0, SIG_BYTES);

export function signCode(code: RatingCode, secret: string): string {
  const body = Buffer.alloc(1 + 1 + 16 + 16 + 4);
  body.writeUInt8(VERSION, 0);
  body.writeUInt8(SUBJECT_KINDS.indexOf(code.kind), 1);
  uuidBytes(code.tenantId).copy(body, 2);
  uuidBytes(code.subjectId).copy(body, 18);
  body.writeUInt32BE(Math.floor(code.expiresAt.getTime() / 1000), 34);
  return Buffer.concat([body, mac(secret, body)]).toString('base64url');
}

/** Reads a code without trusting it (the tenant id says whose key checks it). */
export function readCode(text: string): (RatingCode & { body: Buffer; sig: Buffer }) | null {
  if (!/^[A-Za-z0-9_-]{60,80}$/.test(text)) return null;
  const raw = Buffer.from(text, 'base64url');
  if (raw.length !== 38 + SIG_BYTES || raw.readUInt8(0) !== VERSION) return null;
  const kind = SUBJECT_KINDS[raw.readUInt8(1)];
  if (!kind) return null;
  return {
    kind, tenantId: uuidOf(raw.subarray(2, 18)), subjectId: uuidOf(raw.subarray(18, 34)),
    expiresAt: new Date(raw.readUInt32BE(34) * 1000), body: raw.subarray(0, 38), sig: raw.subarray(38),
  };
}

export type CodeCheck = { ok: true; code: RatingCode } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

/** Verifies a code read with readCode against its tenant's key. */
export function verifyCode(text: string, secretOf: (tenantId: string) => string | undefined, now = new Date()): CodeCheck {
  const read = readCode(text);
  if (!read) return { ok: false, reason: 'malformed' };
  const secret = secretOf(read.tenantId);
  if (!secret || !timingSafeEqual(mac(secret, read.body), read.sig)) return { ok: false, reason: 'forged' };
  if (read.expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, code: { kind: read.kind, tenantId: read.tenantId, subjectId: read.subjectId, expiresAt: read.expiresAt } };
}
