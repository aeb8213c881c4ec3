/** The scheduler core's public surface; domain modules import from here only. */
export type {
  Absence,
  AbsenceKind,
  Acceptance,
  HardWeightSchedule,
  Assignments,
  ConstraintName,
  Contract,
  Demand,
  Instant,
  Level,
  PeriodCap,
  Preference,
  PriorShift,
  Problem,
  Progress,
  Resource,
  Score,
  Solution,
  SolveOptions,
  ShiftRequest,
  SolveStats,
  Succession,
} from './model.js';
export { DEFAULT_CONTRACT } from './compile.js';
// A repair solved in stages, with alternatives ranked on its result, compiles its problem once.
export { compile, recompileSlots } from './compile.js';
export type { Compiled } from './compile.js';
export type { State } from './state.js';
export { searchCompiled } from './solve.js';
export { CONSTRAINTS } from './constraints/index.js';
export { solve } from './solve.js';
export { compareScores, formatScore, isFeasible } from './score.js';
export { explain } from './explain.js';
export type { Explanation, UnfilledExplanation } from './explain.js';
export { checkAssignment, rankCandidates, rulesBroken } from './candidates.js';
export { rankCandidatesMany, rankCandidatesOn } from './alternatives.js';
export type { AssignmentCheck, CandidateReport, ExplainOptions, Reason } from './candidates.js';
export { scoreAssignments } from './score-assignments.js';
export type { ConstraintBreakdown, MatchInWords } from './recount.js';
export { createRandom } from './random.js';
export { formatDuration, formatInstantUtc } from './words.js';
export { groupUnfilled, relaxOne } from './unfilled-groups.js';
export type { Fix, UnfilledCause, UnfilledGroup, GroupOptions } from './unfilled-groups.js';
