import { addDays, datesBetween, instantAt } from '../../time/index.js';

/** A shift template as stored: local start/end 'HH:mm'; end ≤ start ends the next day (equal = 24 h). */
export interface TemplateLike {
  code: string;
  name?: string;
  startTime: string;
  endTime: string;
}

/** One concrete shift: a template on a local date, with its real start and end instants. */
export interface ShiftInstance {
  date: string;
  shiftCode: string;
  start: Date;
  end: Date;
  /** Real length in hours (a night shift across a DST change is shorter or longer). */
  hours: number;
}

/**
 * The instants of a template on a local date in the tenant zone (DST-aware through luxon):
 * a shift whose end is not after its start ends the next day; the same start and end is 24 h.
 */
export function shiftInstance(template: TemplateLike, date: string, zone: string): ShiftInstance {
  const start = instantAt(date, template.startTime, zone);
  const endDate = template.endTime <= template.startTime ? addDays(date, 1) : date;
  const end = instantAt(endDate, template.endTime, zone);
  return { date, shiftCode: template.code, start, end, hours: (end.getTime() - start.getTime()) / 3_600_000 };
}

/** Every shift instance of the templates over an inclusive local date range, in start order. */
export function shiftInstances(templates: TemplateLike[], from: string, to: string, zone: string): ShiftInstance[] {
  const out: ShiftInstance[] = [];
  for (const date of datesBetween(from, to)) for (const t of templates) out.push(shiftInstance(t, date, zone));
  return out.sort((a, b) => a.start.getTime() - b.start.getTime() || a.shiftCode.localeCompare(b.shiftCode));
}

/** Minutes of the local day covered by a template, as [start, end) intervals within 0…1440. */
function dayIntervals(t: TemplateLike): [number, number][] {
  const [sh, sm] = t.startTime.split(':').map(Number);
  const [eh, em] = t.endTime.split(':').map(Number);
  const s = sh * 60 + sm;
  const e = eh * 60 + em;
  if (e > s) return [[s, e]];
  return [[s, 1440], [0, e]].filter(([a, b]) => b > a) as [number, number][];
}

/** Whether two templates overlap in the daily cycle (a 24 h template overlaps every other one). */
export function templatesOverlap(a: TemplateLike, b: TemplateLike): boolean {
  return dayIntervals(a).some(([as, ae]) => dayIntervals(b).some(([bs, be]) => as < be && bs < ae));
}

/** Nominal template length in hours (ignoring DST), e.g. for display. */
export function nominalHours(t: TemplateLike): number {
  return dayIntervals(t).reduce((sum, [s, e]) => sum + (e - s), 0) / 60;
}
