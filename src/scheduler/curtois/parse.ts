import type { CoverRequirement, CurtoisInstance, ShiftRequest, ShiftType, StaffMember } from './types.js';

type Section =
  'HORIZON' | 'SHIFTS' | 'STAFF' | 'DAYS_OFF' | 'SHIFT_ON_REQUESTS' | 'SHIFT_OFF_REQUESTS' | 'COVER';
const SECTIONS: readonly Section[] = [
  'HORIZON',
  'SHIFTS',
  'STAFF',
  'DAYS_OFF',
  'SHIFT_ON_REQUESTS',
  'SHIFT_OFF_REQUESTS',
  'COVER',
];

export class CurtoisParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CurtoisParseError';
  }
}

/** What the sections have given so far. */
interface Draft {
  horizonDays: number | undefined;
  readonly shifts: ShiftType[];
  readonly staffRows: Omit<StaffMember, 'daysOff'>[];
  readonly daysOff: Map<string, number[]>;
  readonly onRequests: ShiftRequest[];
  readonly offRequests: ShiftRequest[];
  readonly cover: CoverRequirement[];
}

/**
 * Parses the text format of FORMAT.md §1-2. Sections are switched on any `SECTION_` line rather than on
 * blank lines, so files with lost or extra blank lines still load; both CRLF and LF are accepted.
 */
export function parseCurtois(text: string): CurtoisInstance {
  let section: Section | undefined;
  const draft: Draft = {
    horizonDays: undefined,
    shifts: [],
    staffRows: [],
    daysOff: new Map(),
    onRequests: [],
    offRequests: [],
    cover: [],
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = (lines[i] ?? '').replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('SECTION_')) {
      const name = line.slice('SECTION_'.length) as Section;
      if (!SECTIONS.includes(name)) throw new CurtoisParseError(`unknown section ${line}`, lineNo);
      section = name;
      continue;
    }
    if (section === undefined) throw new CurtoisParseError('data before the first SECTION_ line', lineNo);
    readRow(draft, section, line.split(','), lineNo);
  }
  const { horizonDays, shifts, staffRows, daysOff, onRequests, offRequests, cover } = draft;
  if (horizonDays === undefined) throw new CurtoisParseError('no SECTION_HORIZON value', lines.length);
  const staff = staffRows.map((row) => ({
    ...row,
    daysOff: [...new Set(daysOff.get(row.id) ?? [])].sort((a, b) => a - b),
  }));
  const instance = { horizonDays, shifts, staff, onRequests, offRequests, cover };
  checkReferences(instance);
  return instance;
}

/** Typed access to a row's comma-separated fields, failing with the line number. */
function fieldReader(fields: readonly string[], lineNo: number) {
  return {
    int(k: number): number {
      const raw = fields[k];
      if (raw === undefined || !/^-?\d+$/.test(raw)) {
        throw new CurtoisParseError(
          `field ${k + 1} should be an integer, got ${JSON.stringify(raw)}`,
          lineNo,
        );
      }
      return Number(raw);
    },
    str(k: number): string {
      const raw = fields[k];
      if (raw === undefined || raw === '') throw new CurtoisParseError(`field ${k + 1} is missing`, lineNo);
      return raw;
    },
  };
}

function readRow(draft: Draft, section: Section, fields: string[], lineNo: number): void {
  const { int, str } = fieldReader(fields, lineNo);
  switch (section) {
    case 'HORIZON':
      draft.horizonDays = int(0);
      break;
    case 'SHIFTS':
      draft.shifts.push({ id: str(0), lengthMinutes: int(1), forbiddenNext: splitList(fields[2]) });
      break;
    case 'STAFF':
      draft.staffRows.push({
        id: str(0),
        maxShifts: parseMaxShifts(fields[1] ?? '', lineNo),
        maxTotalMinutes: int(2),
        minTotalMinutes: int(3),
        maxConsecutiveShifts: int(4),
        minConsecutiveShifts: int(5),
        minConsecutiveDaysOff: int(6),
        maxWeekends: int(7),
      });
      break;
    case 'DAYS_OFF': {
      const list = draft.daysOff.get(str(0)) ?? [];
      for (let k = 1; k < fields.length; k++) if (fields[k] !== '') list.push(int(k));
      draft.daysOff.set(str(0), list);
      break;
    }
    case 'SHIFT_ON_REQUESTS':
    case 'SHIFT_OFF_REQUESTS': {
      const request = { employee: str(0), day: int(1), shift: str(2), weight: int(3) };
      (section === 'SHIFT_ON_REQUESTS' ? draft.onRequests : draft.offRequests).push(request);
      break;
    }
    case 'COVER':
      draft.cover.push({
        day: int(0),
        shift: str(1),
        requirement: int(2),
        weightUnder: int(3),
        weightOver: int(4),
      });
      break;
  }
}

function splitList(field: string | undefined): string[] {
  return field === undefined || field === '' ? [] : field.split('|').filter((s) => s !== '');
}

function parseMaxShifts(field: string, lineNo: number): Record<string, number> {
  const result: Record<string, number> = {};
  for (const item of splitList(field)) {
    const [id, value] = item.split('=');
    if (!id || value === undefined || !/^\d+$/.test(value)) {
      throw new CurtoisParseError(`bad MaxShifts item ${JSON.stringify(item)}`, lineNo);
    }
    result[id] = Number(value);
  }
  return result;
}

/** Dangling ids would otherwise surface as silent zero costs or crashes deep in the solver. */
function checkReferences(instance: CurtoisInstance): void {
  const shiftIds = new Set(instance.shifts.map((s) => s.id));
  const staffIds = new Set(instance.staff.map((s) => s.id));
  const H = instance.horizonDays;
  const fail = (what: string): never => {
    throw new CurtoisParseError(what, 0);
  };
  for (const s of instance.shifts)
    for (const t of s.forbiddenNext) if (!shiftIds.has(t)) fail(`shift ${s.id}: unknown next ${t}`);
  for (const e of instance.staff) {
    for (const t of Object.keys(e.maxShifts)) if (!shiftIds.has(t)) fail(`staff ${e.id}: unknown shift ${t}`);
    for (const d of e.daysOff) if (d < 0 || d >= H) fail(`staff ${e.id}: day off ${d} outside horizon`);
  }
  for (const r of [...instance.onRequests, ...instance.offRequests]) {
    if (!staffIds.has(r.employee) || !shiftIds.has(r.shift) || r.day < 0 || r.day >= H) {
      fail(`bad request ${r.employee},${r.day},${r.shift}`);
    }
  }
  for (const c of instance.cover)
    if (!shiftIds.has(c.shift) || c.day < 0 || c.day >= H) fail(`bad cover ${c.day},${c.shift}`);
}
