import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/prisma.js';
import { tenantDb } from '../db/prisma.js';

export interface VoiceConfig {
  codeSecret: string;
  acceptWithinHours: number;
  resolveWithinHours: number;
}

/** The tenant's voice settings, made with a fresh signing key on first use (SPEC §7 SLA defaults). */
export async function voiceSettings(prisma: PrismaClient, tenantId: string): Promise<VoiceConfig> {
  const db = tenantDb(prisma, tenantId);
  const found = await db.voiceSettings.findFirst({ where: {} });
  if (found) return found;
  // Two first uses at once: the unique tenantId keeps one row, the loser reads it.
  await db.voiceSettings.createMany({ data: [{ tenantId, codeSecret: randomBytes(32).toString('base64url') }], skipDuplicates: true });
  return db.voiceSettings.findFirstOrThrow({ where: {} });
}
