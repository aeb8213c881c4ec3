/**
 * Curtois & Qu employee shift scheduling benchmark (instances 1-24): the problem as parsed.
 *
 * Glossary
 * - horizon: the planning period, days 0..H-1; day 0 is a Monday.
 * - shift type: a kind of shift (id such as `D` or `a1`) with a length in minutes.
 * - forbidden next: shift types that may not be worked on the day after a given shift type.
 * - staff member / employee: a person with per-person limits (shift counts, minutes, runs, weekends).
 * - run: a maximal stretch of consecutive worked days (or of days off) for one employee.
 * - weekend k: days 7k+5 (Saturday) and 7k+6 (Sunday); worked if either day is worked.
 * - on-request: the employee asks for a given shift on a day; penalised when not given it.
 * - off-request: the employee asks not to work a given shift on a day; penalised when given it.
 * - cover: how many employees a (day, shift type) wants; shortfall and excess are penalised.
 * - roster: per employee, one entry per day: a shift type id, or '' for a day off.
 */

export interface ShiftType {
  readonly id: string;
  readonly lengthMinutes: number;
  /** Shift types that may not be worked on the following day. */
  readonly forbiddenNext: readonly string[];
}

export interface StaffMember {
  readonly id: string;
  /** Per shift type id; a type that is absent is unlimited. */
  readonly maxShifts: Readonly<Record<string, number>>;
  readonly maxTotalMinutes: number;
  readonly minTotalMinutes: number;
  readonly maxConsecutiveShifts: number;
  readonly minConsecutiveShifts: number;
  readonly minConsecutiveDaysOff: number;
  readonly maxWeekends: number;
  /** Fixed days off (SECTION_DAYS_OFF), ascending. */
  readonly daysOff: readonly number[];
}

export interface ShiftRequest {
  readonly employee: string;
  readonly day: number;
  readonly shift: string;
  readonly weight: number;
}

export interface CoverRequirement {
  readonly day: number;
  readonly shift: string;
  readonly requirement: number;
  readonly weightUnder: number;
  readonly weightOver: number;
}

export interface CurtoisInstance {
  readonly horizonDays: number;
  readonly shifts: readonly ShiftType[];
  readonly staff: readonly StaffMember[];
  readonly onRequests: readonly ShiftRequest[];
  readonly offRequests: readonly ShiftRequest[];
  readonly cover: readonly CoverRequirement[];
}

/** Employee id -> one entry per day: a shift type id, or '' for a day off. */
export type Roster = Readonly<Record<string, readonly string[]>>;

export type HardRule =
  | 'roster-shape'
  | 'days-off'
  | 'shift-succession'
  | 'max-shifts'
  | 'max-total-minutes'
  | 'min-total-minutes'
  | 'max-consecutive-shifts'
  | 'min-consecutive-shifts'
  | 'min-consecutive-days-off'
  | 'max-weekends';

export interface Violation {
  readonly rule: HardRule;
  readonly employee: string;
  /** The first day concerned, when the rule is about a day or a run. */
  readonly day?: number;
  readonly detail: string;
}

export interface CostBreakdown {
  readonly on: number;
  readonly off: number;
  readonly under: number;
  readonly over: number;
}

export interface Evaluation {
  readonly feasible: boolean;
  readonly violations: readonly Violation[];
  /** Soft cost only (FORMAT.md §5); hard violations are never folded in. */
  readonly cost: number;
  readonly breakdown: CostBreakdown;
}
