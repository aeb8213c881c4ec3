/**
 * The scheduler's model: the facts a caller gives (resources, demands, weights) and what it gets back.
 *
 * Glossary
 * - instant: an integer count of minutes since the Unix epoch (UTC); the core never sees time zones.
 * - interval: `[start, end)` of instants; an interval that ends where another starts does not overlap it.
 * - day: a local day index, 0 for the horizon's first local date; the caller computes it in the
 *   organisation's time zone, so a day can be 23 or 25 hours long and the core does not care.
 * - horizon: the days being planned, 0..H-1.
 * - resource: a person who can be assigned to demands (a practitioner).
 * - demand: a shift at a location that needs `required` people for `[start, end)`.
 * - slot: one of the `required` places of a demand; a solution assigns a resource (or nobody) to each slot.
 * - location: where a demand is worked (a placement, a hub); continuity is counted per location.
 * - region: a geographical area; resources say which regions they will work in.
 * - skill: a specialism a demand may require (e.g. newborn-care).
 * - period: a key grouping demands for per-period counts and continuity (by default the week, day / 7).
 * - tag: a label on a demand counted by a resource's per-period cap (e.g. "lead-responder").
 * - pinned: assigned by a person; the search never moves a pinned resource.
 * - published: the assignment people were told about; changing it costs a soft penalty.
 * - fixed slot: a slot the search may not change in this solve (pinned, outside `solveOnly`, started).
 * - prior work: shifts worked just before the horizon, given so rest and consecutive rules see them.
 * - constraint: a named rule with a level and a graded penalty; score = sum of penalty x weight per level.
 * - level: hard (law and safety; hard 0 = feasible), medium (unfilled demand), soft (quality).
 * - score: `{hard, medium, soft}` penalties, compared lexicographically; lower is better, 0 is perfect.
 * - match: one occurrence of a constraint's penalty, with the resource and demands involved, in words.
 * - move: a change to slots: change (one slot), swap (two slots' people), chain (assign and eject).
 * - shift type: a kind of shift (early, late, night; a benchmark's `D`, `N`); caps, successions and
 *   requests name it.
 * - succession: a shift type followed, on the next day, by another (forbidden pairs are a hard rule).
 * - run: a maximal stretch of consecutive days with a shift start (working run) or without (days off).
 * - weekend (for `maxWeekends`): the weekend-flagged demands of one week, `floor(day / 7)`; with a
 *   window, weekends in any `weekendWindowWeeks` weeks running.
 * - request: a person asking for (on) or against (off) a shift type on a day; a soft penalty.
 * - optional slot: a place beyond `required` that may be filled at the cost of over-cover.
 */

import type { ColumnGenerationStats, LinearSolver } from './column-generation.js';

/** Minutes since the Unix epoch. */
export type Instant = number;

export type Level = 'hard' | 'medium' | 'soft';

export type AbsenceKind = 'sickness' | 'annual_leave' | 'training' | 'unavailable';

/** Contract rules of a resource; every field has a default (see `DEFAULT_CONTRACT`). */
export interface Contract {
  /** Most minutes of work whose shifts start within any 7 x 24 h. Default 48 h. */
  maxMinutesPer7Days: number;
  /** Least minutes between the end of one shift and the start of the next. Default 11 h. */
  minRestMinutes: number;
  /** Most consecutive days on which a shift starts. Default 6. */
  maxConsecutiveDays: number;
  /** Most consecutive days on which a night shift starts. Default 4. */
  maxConsecutiveNights: number;
  /** Days off: at least 1 in every 7 days, or (alternative) at least 2 in every 14. Default 'one-in-7'. */
  daysOff: 'one-in-7' | 'two-in-14' | 'none';
  /**
   * Minutes the resource should work over the horizon, for fairness. Default: a share of all demanded
   * minutes proportional to the resource's capacity (its 7-day maximum over the days it is available).
   */
  targetMinutes?: number;
  /** The same target given per week (e.g. 37.5 h); used when `targetMinutes` is not, scaled to the horizon. */
  targetMinutesPerWeek?: number;
  /** Most shifts of each shift type over the horizon (a type not listed is unlimited). Default none. */
  maxShiftsByType?: Readonly<Record<string, number>>;
  /** Least and most minutes of work over the horizon (hard). Default none. */
  minTotalMinutes?: number;
  maxTotalMinutes?: number;
  /** Least days in a working run that starts and ends inside the horizon. Default 1 (no rule). */
  minConsecutiveDays?: number;
  /** Least days in a run of days off between two working days. Default 1 (no rule); 2: days off together. */
  minConsecutiveDaysOff?: number;
  /**
   * Most weekends with work over the horizon, or with `weekendWindowWeeks` in any that many weeks running
   * (the weeks before the horizon in `history.weekendsBefore` counted). Default none.
   */
  maxWeekends?: number;
  /** Weeks in the window `maxWeekends` holds for (4: "at most 2 weekends in any 4 weeks"). Default: the horizon. */
  weekendWindowWeeks?: number;
}

export interface Absence {
  start: Instant;
  end: Instant;
  kind: AbsenceKind;
}

export interface Preference {
  start: Instant;
  end: Instant;
  /** wanted: penalised when no shift touches it; unwanted: penalised per started hour of overlap. */
  kind: 'wanted' | 'unwanted';
  /** Multiplies the preference's penalty; default 1. */
  weight?: number;
}

/** A shift worked just before the horizon (or already fixed elsewhere) that rules must see. */
export interface PriorShift {
  start: Instant;
  end: Instant;
  /** Local day index; negative before the horizon. */
  day: number;
  night?: boolean;
  /** Lets a forbidden succession see across the horizon's start. */
  shiftType?: string;
}

/** A person asking to work (on) or not to work (off) a shift type, or any shift, on a day. */
export interface ShiftRequest {
  day: number;
  /** Missing: any shift. */
  shiftType?: string;
  kind: 'on' | 'off';
  /** Penalty when the request is not met; default 1. */
  weight?: number;
}

/** `next` may not start on the day after `first` (e.g. no early shift after a late one). */
export interface Succession {
  first: string;
  next: string;
}

export interface PeriodCap {
  /** Counts demands carrying this tag. */
  tag: string;
  /** At most this many per period. */
  max: number;
}

export interface Resource {
  id: string;
  /** Used in explanations; defaults to the id. */
  name?: string;
  skills?: readonly string[];
  /** Regions the resource will work in. Empty or missing: none (the resource is never eligible). */
  regions?: readonly string[];
  homeRegion?: string;
  gender?: string;
  contract?: Partial<Contract>;
  unavailable?: readonly Absence[];
  preferences?: readonly Preference[];
  history?: {
    /** Locations the resource worked at in the last period (continuity prefers them). */
    locations?: readonly string[];
    priorWork?: readonly PriorShift[];
    /**
     * Weeks with weekend work done before the horizon (-1: the week before day 0; 0 when the horizon starts
     * on a Sunday and the Saturday before was worked), for `weekendWindowWeeks`.
     */
    weekendsBefore?: readonly number[];
  };
  caps?: readonly PeriodCap[];
  /** Shift-on and shift-off requests (soft, constraint `requests`). */
  requests?: readonly ShiftRequest[];
}

export interface Demand {
  id: string;
  /** Used in explanations; defaults to the id. */
  label?: string;
  start: Instant;
  end: Instant;
  /** Local day index of the start, 0..H-1. */
  day: number;
  night?: boolean;
  weekend?: boolean;
  location: string;
  region: string;
  /** People needed; default 1. */
  required?: number;
  /** Places beyond `required` that may be filled (over-cover), each costing `overWeight`. Default 0. */
  optional?: number;
  /**
   * Soft cover: each missing person costs this (constraint `underCover`, soft) instead of its minutes at
   * the medium level (`unfilled`). Default: none, an unfilled demand is a medium penalty.
   */
  underWeight?: number;
  /** Each person beyond `required` costs this (constraint `overCover`, soft). Default 0. */
  overWeight?: number;
  /** The kind of shift, for per-type caps, forbidden successions and requests. */
  shiftType?: string;
  requiredSkills?: readonly string[];
  /** Only resources of this gender may work it. */
  gender?: string;
  excluded?: readonly string[];
  /** Fixed by a person; never moved by the search. */
  pinned?: readonly string[];
  /** The assignment last published; changes against it cost a soft penalty. */
  published?: readonly string[];
  /** Key for per-period caps and continuity; default `floor(day / 7)`. */
  period?: string | number;
  tags?: readonly string[];
}

export type ConstraintName =
  | 'overlap'
  | 'minimumRest'
  | 'maxMinutesPer7Days'
  | 'maxConsecutiveDays'
  | 'maxConsecutiveNights'
  | 'daysOff'
  | 'absence'
  | 'region'
  | 'skill'
  | 'gender'
  | 'exclusion'
  | 'periodCap'
  | 'shiftTypeCap'
  | 'totalMinutes'
  | 'minConsecutiveDays'
  | 'minConsecutiveDaysOff'
  | 'maxWeekends'
  | 'succession'
  | 'unfilled'
  | 'underCover'
  | 'overCover'
  | 'continuity'
  | 'familiarity'
  | 'fairMinutes'
  | 'fairNights'
  | 'fairWeekends'
  | 'preferences'
  | 'requests'
  | 'travel'
  | 'changes';

/** Assignments by demand id: the resource ids in the demand's slots (missing or shorter: unfilled). */
export type Assignments = Record<string, readonly string[]>;

export interface Problem {
  resources: readonly Resource[];
  demands: readonly Demand[];
  /** Weight per constraint; missing entries take the defaults of `CONSTRAINTS`. Integers keep scores exact. */
  weights?: Partial<Record<ConstraintName, number>>;
  /** Number of days in the horizon; default: the largest demand day + 1. */
  horizonDays?: number;
  /** The current assignment to start from; default: pinned plus published of each demand. */
  assignments?: Assignments;
  /** Partial repair: only these demands' non-pinned slots may change (unless `allowMovingOthers`). */
  solveOnly?: readonly string[];
  /** With `solveOnly`: other demands' non-pinned slots may move too, at the cost of `changes`. */
  allowMovingOthers?: boolean;
  /** Demands starting before this instant are fixed as they are (already started). */
  fixedBefore?: Instant;
  /** Names for explanations, by region and skill id (default: the ids). */
  names?: { regions?: Readonly<Record<string, string>>; skills?: Readonly<Record<string, string>> };
  /** Shift-type pairs that may not be worked on consecutive days (constraint `succession`). */
  forbiddenSuccessions?: readonly Succession[];
}

export interface Score {
  hard: number;
  medium: number;
  soft: number;
}

export type Acceptance = 'late-acceptance' | 'simulated-annealing';

/**
 * Strategic oscillation for simulated annealing: hard points weigh `weight` soft points in the energy
 * instead of outweighing every soft point, so the search may cross rosters that break a rule. The weight
 * rises (x1.1) while the current rota is infeasible and falls while it is feasible, every `every` moves,
 * never below a floor that rises from `initial` to `final` through the search, nor above `max`.
 */
export interface HardWeightSchedule {
  initial: number;
  final: number;
  max: number;
  every?: number;
}

export interface Progress {
  best: Score;
  elapsedMs: number;
  moves: number;
}

export interface SolveOptions {
  seed?: number;
  /** Stop after this many moves tried (with no time limit, the result is a pure function of seed). */
  maxMoves?: number;
  /** Stop after this many milliseconds by `now`. */
  timeLimitMs?: number;
  /** Stop after this many moves without a new best. */
  unimprovedLimit?: number;
  /** Clock in milliseconds, injected (e.g. performance.now); without it time limits are ignored. */
  now?: () => number;
  shouldStop?: () => boolean;
  onProgress?: (progress: Progress) => void;
  /** Least milliseconds between two progress calls (by `now`); default 250. */
  progressEveryMs?: number;
  acceptance?: Acceptance;
  /** Candidates tried per slot in construction (default: every eligible one). */
  constructionCandidates?: number;
  /** Share of moves (0..0.4) that swap two people's work over a block of days; default 0. */
  blockMoves?: number;
  /**
   * Rows (for contracts with minimum totals, as in nurse rostering): build each idle person's row that
   * keeps their contract before the slot-by-slot construction, repair rows that break a hard rule with
   * this many row moves each (after construction, when the search is stuck infeasible, and at the end),
   * give `moves` of the search's moves to moves on one person's row, of which `relocate` (default 0.3)
   * move someone's work onto a demand short of people, `fill` (default 0) put someone on a demand
   * short of people in place of their day's work, and `request` (default 0) grant a shift-on request
   * not met. `replan` (default 0) gives whole-row planning (`RowPlanner`, where every active rule is one
   * it keeps) that many planner states per move tried, or `replanWindows` (default `replan`) where the
   * planner takes rows a window of weeks at a time (rows with too many states to plan whole), and
   * `polish` plans each row (or window) in turn at the end of the search, keeping each plan that
   * improves the score, until none does. Off by default.
   */
  rows?: {
    construct?: boolean;
    repairMoves?: number;
    moves?: number;
    relocate?: number;
    fill?: number;
    request?: number;
    replan?: number;
    replanWindows?: number;
    polish?: boolean;
  };
  /**
   * Start from column generation and dives (`column-generation.ts`) where every row can be planned
   * whole, with the caller's linear-program solver, for at most `share` of the time limit (default
   * 0.5), of which the root master has half to settle or come within 1% of its Lagrangian bound (else
   * the built rota stays the start); the search then goes on from the best dive's rota, the annealing
   * from `startTemperature` when given and the first dive ended. Without a solver, where rows cannot
   * be planned whole or their states are too many to price, construction is as without it.
   */
  columnGeneration?: { solver: LinearSolver; share?: number; startTemperature?: number };
  /** Simulated annealing only: start and end temperatures in soft points (default 200 to 0.5). */
  annealing?: { startTemperature?: number; endTemperature?: number; hardWeight?: HardWeightSchedule };
  /**
   * This many independent searches (seeds `seed`, `seed` + 7919, ...), each with an equal share of
   * the time left and of `maxMoves` (each its own `unimprovedLimit`), and the best of them (default 1).
   */
  runs?: number;
  /** Stop once the best reaches hard 0 and medium 0 (good enough for a quick repair). */
  stopWhenFeasible?: boolean;
}

export interface SolveStats {
  moves: number;
  acceptedMoves: number;
  improvements: number;
  restarts: number;
  elapsedMs: number;
  /** Moves when the best first reached hard 0, or -1. */
  movesToFeasible: number;
  stoppedBy: 'moves' | 'time' | 'unimproved' | 'cancelled' | 'feasible' | 'nothing-to-do';
  /** The start by column generation, when it made the starting rota. */
  columnGeneration?: ColumnGenerationStats;
}

export interface Solution {
  assignments: Record<string, string[]>;
  score: Score;
  /** Demands with fewer people than required, and how many are missing. */
  unfilled: { demandId: string; missing: number }[];
  stats: SolveStats;
}
