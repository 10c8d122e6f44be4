/**
 * The ticket's life (SPEC §7): new → accepted → resolved → confirmed, or reopened by the resident
 * (and accepted again). Pure, so the page, the API and the job share one set of rules.
 */
export type TicketStatus = 'new' | 'accepted' | 'resolved' | 'confirmed' | 'reopened';
export type TicketAction = 'accept' | 'resolve' | 'confirm' | 'reopen';

const FROM: Record<TicketAction, TicketStatus[]> = {
  accept: ['new', 'reopened'],
  resolve: ['accepted'],
  confirm: ['resolved'],
  reopen: ['resolved'],
};
const TO: Record<TicketAction, TicketStatus> = { accept: 'accepted', resolve: 'resolved', confirm: 'confirmed', reopen: 'reopened' };

export function nextStatus(current: TicketStatus, action: TicketAction): TicketStatus | null {
  return FROM[action].includes(current) ? TO[action] : null;
}

export interface SlaState {
  status: TicketStatus;
  acceptDueAt: Date;
  resolveDueAt: Date;
}

/** Overdue: not taken up by the accept deadline, or not resolved by the resolve deadline. */
export function isOverdue(t: SlaState, now: Date): boolean {
  if (t.status === 'new' || t.status === 'reopened') return t.acceptDueAt <= now || t.resolveDueAt <= now;
  if (t.status === 'accepted') return t.resolveDueAt <= now;
  return false;
}

export type Deadline = 'accept' | 'resolve';

/**
 * The deadlines a ticket has missed by now and that were not yet put before the admins this round:
 * each missed deadline is escalated once, so a ticket first late to be accepted is escalated again
 * when it then also misses its resolve deadline.
 */
export function deadlinesToEscalate(t: SlaState & { acceptEscalatedAt: Date | null; resolveEscalatedAt: Date | null }, now: Date): Deadline[] {
  const missed: Deadline[] = [];
  if ((t.status === 'new' || t.status === 'reopened') && t.acceptDueAt <= now && !t.acceptEscalatedAt) missed.push('accept');
  if (['new', 'accepted', 'reopened'].includes(t.status) && t.resolveDueAt <= now && !t.resolveEscalatedAt) missed.push('resolve');
  return missed;
}

export function deadlines(from: Date, acceptHours: number, resolveHours: number): { acceptDueAt: Date; resolveDueAt: Date } {
  return { acceptDueAt: new Date(from.getTime() + acceptHours * 3_600_000), resolveDueAt: new Date(from.getTime() + resolveHours * 3_600_000) };
}
