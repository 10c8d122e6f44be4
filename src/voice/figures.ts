/**
 * Monthly satisfaction and response figures per unit and per member of staff (pure). Satisfied
 * means a mean of 4 stars or more; "in time" compares a ticket's acceptance and resolution with
 * its deadlines. A rate is null where there is nothing to divide.
 */
export interface RatingFact { unitKind: string; unitId: string; staffKind: string | null; staffId: string | null; meanTenths: number }
export interface TicketFact { unitKind: string; unitId: string; acceptedAt: Date | null; acceptDueAt: Date; resolvedAt: Date | null; resolveDueAt: Date }

export interface FigureRow {
  kind: string;
  id: string;
  ratings: number;
  /** Mean stars × 10, rounded (43 = 4.3). */
  meanTenths: number | null;
  satisfied: number;
  satisfactionPct: number | null;
  tickets: number;
  acceptedInTime: number;
  acceptedInTimePct: number | null;
  resolvedInTime: number;
  resolvedInTimePct: number | null;
}

/** A mean of 4 stars (× 10) or more counts as satisfied. */
export const SATISFIED_TENTHS = 40;

/** A share in per cent with one decimal; null when there is nothing to divide. */
export const pct = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : null);

export function monthlyFigures(ratings: RatingFact[], tickets: TicketFact[]): FigureRow[] {
  const rows = new Map<string, { kind: string; id: string; sum: number; ratings: number; satisfied: number; tickets: number; acc: number; res: number }>();
  const row = (kind: string, id: string) => {
    const key = `${kind}:${id}`;
    if (!rows.has(key)) rows.set(key, { kind, id, sum: 0, ratings: 0, satisfied: 0, tickets: 0, acc: 0, res: 0 });
    return rows.get(key)!;
  };
  for (const r of ratings) {
    const targets = [row(r.unitKind, r.unitId), ...(r.staffKind && r.staffId ? [row(r.staffKind, r.staffId)] : [])];
    for (const t of targets) {
      t.ratings++;
      t.sum += r.meanTenths;
      if (r.meanTenths >= SATISFIED_TENTHS) t.satisfied++;
    }
  }
  for (const t of tickets) {
    const target = row(t.unitKind, t.unitId);
    target.tickets++;
    if (t.acceptedAt && t.acceptedAt <= t.acceptDueAt) target.acc++;
    if (t.resolvedAt && t.resolvedAt <= t.resolveDueAt) target.res++;
  }
  const order = ['kitchen', 'driver', 'canteen', 'ward', 'aide'];
  return [...rows.values()]
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.id.localeCompare(b.id))
    .map((r) => ({
      kind: r.kind, id: r.id, ratings: r.ratings, meanTenths: r.ratings ? Math.round(r.sum / r.ratings) : null,
      satisfied: r.satisfied, satisfactionPct: pct(r.satisfied, r.ratings), tickets: r.tickets,
      acceptedInTime: r.acc, acceptedInTimePct: pct(r.acc, r.tickets), resolvedInTime: r.res, resolvedInTimePct: pct(r.res, r.tickets),
    }));
}
