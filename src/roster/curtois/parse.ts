import { mondayWeekends, type Contract, type ShiftModel } from '../engine/shift-model.js';

/** A parsed Curtois & Qu instance: the generic model plus the original section counts. */
export interface CurtoisInstance {
  model: ShiftModel;
  /** Number of data lines per section, for sanity checks against the file. */
  lineCounts: Record<string, number>;
}

const SECTIONS = [
  'SECTION_HORIZON', 'SECTION_SHIFTS', 'SECTION_STAFF', 'SECTION_DAYS_OFF',
  'SECTION_SHIFT_ON_REQUESTS', 'SECTION_SHIFT_OFF_REQUESTS', 'SECTION_COVER',
] as const;

function int(text: string, where: string): number {
  const n = Number(text.trim());
  if (!Number.isInteger(n)) throw new SyntaxError(`${where}: expected an integer, got "${text}"`);
  return n;
}

/**
 * Parses the text format of schedulingbenchmarks.org (Curtois & Qu). Lines starting with '#'
 * are comments, sections start with SECTION_*, fields are comma separated, lists '|' separated;
 * files use CRLF line ends. Day 0 is a Monday, so weekends are days 5-6, 12-13, ...
 */
export function parseCurtois(text: string): CurtoisInstance {
  const sections = new Map<string, string[]>();
  let current: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('SECTION_')) {
      current = line;
      sections.set(line, []);
      continue;
    }
    if (current === null) throw new SyntaxError(`data before the first section: "${line}"`);
    sections.get(current)!.push(line);
  }
  for (const name of SECTIONS) if (!sections.has(name)) throw new SyntaxError(`missing ${name}`);
  const rows = (name: string): string[][] => sections.get(name)!.map((l) => l.split(',').map((f) => f.trim()));

  const days = int(sections.get('SECTION_HORIZON')![0] ?? '', 'horizon');
  const shiftRows = rows('SECTION_SHIFTS');
  const shiftIndex = new Map(shiftRows.map((r, i) => [r[0], i]));
  const shiftOf = (id: string, where: string): number => {
    const s = shiftIndex.get(id);
    if (s === undefined) throw new SyntaxError(`${where}: unknown shift "${id}"`);
    return s;
  };
  const shiftTypes = shiftRows.map((r) => ({
    id: r[0],
    minutes: int(r[1], `shift ${r[0]} length`),
    forbiddenNext: (r[2] ?? '').split('|').filter((s) => s !== '').map((s) => shiftOf(s, `shift ${r[0]}`)),
  }));

  const staffRows = rows('SECTION_STAFF');
  const staffIndex = new Map(staffRows.map((r, i) => [r[0], i]));
  const staffOf = (id: string, where: string): number => {
    const e = staffIndex.get(id);
    if (e === undefined) throw new SyntaxError(`${where}: unknown employee "${id}"`);
    return e;
  };
  const employees = staffRows.map((r) => {
    // A shift type missing from MaxShifts is not limited beyond one shift per day.
    const maxShifts = new Array<number>(shiftTypes.length).fill(days);
    for (const item of r[1].split('|').filter((s) => s !== '')) {
      const [id, n] = item.split('=');
      maxShifts[shiftOf(id, `staff ${r[0]}`)] = int(n, `staff ${r[0]} max ${id}`);
    }
    const contract: Contract = {
      maxShifts,
      maxMinutes: int(r[2], 'MaxTotalMinutes'),
      minMinutes: int(r[3], 'MinTotalMinutes'),
      maxConsecutiveShifts: int(r[4], 'MaxConsecutiveShifts'),
      minConsecutiveShifts: int(r[5], 'MinConsecutiveShifts'),
      minConsecutiveDaysOff: int(r[6], 'MinConsecutiveDaysOff'),
      maxWeekends: int(r[7], 'MaxWeekends'),
    };
    return { id: r[0], contract, daysOff: [] as number[] };
  });
  for (const r of rows('SECTION_DAYS_OFF')) {
    const e = staffOf(r[0], 'days off');
    for (const d of r.slice(1).filter((f) => f !== '')) employees[e].daysOff.push(int(d, `days off ${r[0]}`));
  }
  const requests = (name: string) => rows(name).map((r) => ({
    employee: staffOf(r[0], name), day: int(r[1], name), shift: shiftOf(r[2], name), weight: int(r[3], name),
  }));
  const cover = rows('SECTION_COVER').map((r) => ({
    day: int(r[0], 'cover day'), shift: shiftOf(r[1], 'cover'), requirement: int(r[2], 'cover requirement'),
    underWeight: int(r[3], 'cover under weight'), overWeight: int(r[4], 'cover over weight'),
  }));
  const model: ShiftModel = {
    days, shiftTypes, employees, weekends: mondayWeekends(days),
    onRequests: requests('SECTION_SHIFT_ON_REQUESTS'), offRequests: requests('SECTION_SHIFT_OFF_REQUESTS'), cover,
  };
  const lineCounts = Object.fromEntries(SECTIONS.map((s) => [s, sections.get(s)!.length]));
  return { model, lineCounts };
}
