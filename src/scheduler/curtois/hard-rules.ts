import type { CurtoisInstance, HardRule, ShiftType, StaffMember, Violation } from './types.js';

/** What every hard rule sees: one employee's row, already checked for shape ('' = day off). */
export interface RowFacts {
  readonly instance: CurtoisInstance;
  readonly employee: StaffMember;
  readonly row: readonly string[];
  readonly shiftById: ReadonlyMap<string, ShiftType>;
}

export interface HardRuleDefinition {
  readonly rule: HardRule;
  readonly label: string;
  readonly check: (facts: RowFacts) => Violation[];
}

interface Run {
  readonly start: number;
  readonly end: number;
  readonly worked: boolean;
}

export function runsOf(row: readonly string[]): Run[] {
  const runs: Run[] = [];
  let start = 0;
  for (let d = 1; d <= row.length; d++) {
    if (d === row.length || (row[d] !== '') !== (row[start] !== '')) {
      runs.push({ start, end: d - 1, worked: row[start] !== '' });
      start = d;
    }
  }
  return runs;
}

/** FORMAT.md §4.7-8: a run touching day 0 or day H-1 is exempt from the minimum-length rules. */
function strictlyInside(run: Run, horizon: number): boolean {
  return run.start > 0 && run.end < horizon - 1;
}

function fixedDaysOff({ employee, row }: RowFacts): Violation[] {
  return employee.daysOff
    .filter((d) => row[d] !== '')
    .map((d) => ({
      rule: 'days-off',
      employee: employee.id,
      day: d,
      detail: `works ${row[d]} on a fixed day off`,
    }));
}

/** Only pairs inside the horizon: the days outside it count as days off (FORMAT.md §4.3). */
function shiftSuccession({ employee, row, shiftById }: RowFacts): Violation[] {
  const out: Violation[] = [];
  for (let d = 0; d + 1 < row.length; d++) {
    const today = shiftById.get(row[d] ?? '');
    const next = row[d + 1] ?? '';
    if (today && next !== '' && today.forbiddenNext.includes(next)) {
      out.push({
        rule: 'shift-succession',
        employee: employee.id,
        day: d,
        detail: `${today.id} then ${next}`,
      });
    }
  }
  return out;
}

function maxShiftsPerType({ instance, employee, row }: RowFacts): Violation[] {
  const out: Violation[] = [];
  for (const shift of instance.shifts) {
    const limit = employee.maxShifts[shift.id];
    if (limit === undefined) continue;
    const count = row.filter((v) => v === shift.id).length;
    if (count > limit) {
      out.push({
        rule: 'max-shifts',
        employee: employee.id,
        detail: `${count} x ${shift.id}, at most ${limit}`,
      });
    }
  }
  return out;
}

function totalMinutes(facts: RowFacts): number {
  let total = 0;
  for (const v of facts.row) total += facts.shiftById.get(v)?.lengthMinutes ?? 0;
  return total;
}

function maxTotalMinutes(facts: RowFacts): Violation[] {
  const total = totalMinutes(facts);
  const limit = facts.employee.maxTotalMinutes;
  return total > limit
    ? [
        {
          rule: 'max-total-minutes',
          employee: facts.employee.id,
          detail: `${total} min, at most ${limit} (${total - limit} over)`,
        },
      ]
    : [];
}

function minTotalMinutes(facts: RowFacts): Violation[] {
  const total = totalMinutes(facts);
  const limit = facts.employee.minTotalMinutes;
  return total < limit
    ? [
        {
          rule: 'min-total-minutes',
          employee: facts.employee.id,
          detail: `${total} min, at least ${limit} (${limit - total} short)`,
        },
      ]
    : [];
}

/**
 * Runs of work (or of days off) longer than the limit ('at most'), or shorter than it ('at least')
 * where the run lies strictly inside the horizon.
 */
function runLengths(
  { employee, row }: RowFacts,
  rule: HardRule,
  worked: boolean,
  bound: 'at most' | 'at least',
  limit: number,
): Violation[] {
  const what = worked ? 'shifts' : 'days off';
  return runsOf(row)
    .filter((r) => {
      const n = r.end - r.start + 1;
      return (
        r.worked === worked && (bound === 'at most' ? n > limit : strictlyInside(r, row.length) && n < limit)
      );
    })
    .map((r) => ({
      rule,
      employee: employee.id,
      day: r.start,
      detail: `${r.end - r.start + 1} ${what} in a row (days ${r.start}-${r.end}), ${bound} ${limit}`,
    }));
}

function maxConsecutiveShifts(facts: RowFacts): Violation[] {
  return runLengths(facts, 'max-consecutive-shifts', true, 'at most', facts.employee.maxConsecutiveShifts);
}

function minConsecutiveShifts(facts: RowFacts): Violation[] {
  return runLengths(facts, 'min-consecutive-shifts', true, 'at least', facts.employee.minConsecutiveShifts);
}

function minConsecutiveDaysOff(facts: RowFacts): Violation[] {
  return runLengths(
    facts,
    'min-consecutive-days-off',
    false,
    'at least',
    facts.employee.minConsecutiveDaysOff,
  );
}

function maxWeekends({ employee, row }: RowFacts): Violation[] {
  let worked = 0;
  for (let sat = 5; sat < row.length; sat += 7) if (row[sat] !== '' || (row[sat + 1] ?? '') !== '') worked++;
  const limit = employee.maxWeekends;
  return worked > limit
    ? [{ rule: 'max-weekends', employee: employee.id, detail: `${worked} weekends worked, at most ${limit}` }]
    : [];
}

export const HARD_RULES: readonly HardRuleDefinition[] = [
  { rule: 'days-off', label: 'No work on a fixed day off', check: fixedDaysOff },
  { rule: 'shift-succession', label: 'No forbidden shift on the next day', check: shiftSuccession },
  { rule: 'max-shifts', label: 'At most MaxShifts of each shift type', check: maxShiftsPerType },
  { rule: 'max-total-minutes', label: 'At most MaxTotalMinutes worked', check: maxTotalMinutes },
  { rule: 'min-total-minutes', label: 'At least MinTotalMinutes worked', check: minTotalMinutes },
  {
    rule: 'max-consecutive-shifts',
    label: 'No run of shifts longer than the maximum',
    check: maxConsecutiveShifts,
  },
  {
    rule: 'min-consecutive-shifts',
    label: 'No inner run of shifts shorter than the minimum',
    check: minConsecutiveShifts,
  },
  {
    rule: 'min-consecutive-days-off',
    label: 'No inner run of days off shorter than the minimum',
    check: minConsecutiveDaysOff,
  },
  { rule: 'max-weekends', label: 'At most MaxWeekends weekends worked', check: maxWeekends },
];
