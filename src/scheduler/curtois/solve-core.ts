import type { ColumnGenerationStats } from '../column-generation.js';
import { solve } from '../solve.js';
import type { SolveOptions } from '../model.js';
import { evaluateRoster } from './evaluate.js';
import { assignmentsToRoster, curtoisToProblem, type ToProblemOptions } from './to-problem.js';
import type { CurtoisInstance, Evaluation, Roster } from './types.js';

export interface CoreSolveResult {
  readonly roster: Roster;
  readonly evaluation: Evaluation;
  /** Null when no clock was given or no feasible roster was found. */
  readonly secondsToFirstFeasible: number | null;
  readonly moves: number;
  readonly elapsedMs: number;
  /** The start by column generation, when the search started from it. */
  readonly columnGeneration?: ColumnGenerationStats;
}

/** People x days from which rows too long to plan whole are planned in windows during the search. */
const WINDOWS_FROM_SIZE = 5_000;

/** Solves a benchmark instance with the core's `solve` (the product's engine) and judges the roster. */
export function solveCurtoisWithCore(
  instance: CurtoisInstance,
  options: SolveOptions & ToProblemOptions = {},
): CoreSolveResult {
  const problem = curtoisToProblem(instance, {
    optionalSlots: options.optionalSlots ?? overCoverSlots(instance),
  });
  const now = options.now;
  const t0 = now ? now() : 0;
  let firstFeasible: number | null = null;
  const size = instance.staff.length * instance.horizonDays;
  const startTemperature = Math.min(60, Math.max(2, 120_000 / size));
  const solution = solve(problem, {
    // From the separate engine: annealing with a start temperature scaled to the instance (big ones get
    // fewer moves per cell and start colder), block swaps, and a hard weight that oscillates as its
    // penalty search does (hard points weigh 1/3 to 10/3 soft points here, where a broken rule costs
    // about 480, as the separate engine's 8 per rule at weights 20 to 200 against a cover unit of 100).
    // Instances 5, 7, 8, 9, 11, 12, seeds 1-2, 300k moves (kicks from the best already off): mean gap
    // 60.8% hard-first, 52.2% oscillating; twice the temperature (60 to 0.5) 42.2%; half the row moves
    // relocations 40.7%. At 1M moves 25.8% (the separate engine: 24.0%).
    acceptance: 'simulated-annealing',
    annealing: {
      startTemperature,
      endTemperature: 0.5,
      hardWeight: { initial: startHardWeight(startTemperature), final: 1, max: 10 / 3 },
    },
    // Trying every employee for every slot does not finish on the big instances (Instance20 at 20 s:
    // 12 candidates per slot 28,042 against 34,541 trying all, both still infeasible).
    constructionCandidates: 12,
    // Rows as the separate engine builds and repairs them, and row moves for most of the search
    // (Instances 1-12 at 10 s, shared machine: 6 of 12 infeasible, mean gap 105.5% without; all feasible
    // within 0.12 s, 84.9% with row construction, repair and 30% row moves). The rest are block swaps:
    // handing a person's whole week to another was accepted 4 times in 19,000 changes on Instance8.
    // Of the row moves 40% relocate and 15% fill (someone takes a demand short of people in place of
    // their day's work): Instances 5, 7, 8, 9, 11, 12, seeds 1-2, 1M moves: 24.8% without fills, 20.3%
    // with (300k: 44.3%, 40.3%); under hard-first acceptance fills had made it worse.
    // And 10% grant a shift-on request not met (an ordinary row move where the one picked is met):
    // seeds 1-2 at 12M moves, Instance17 6,380 -> 6,232, 18 5,662 -> 5,478, 20 8,832 -> 8,384, 21
    // 25,237 -> 24,826 on average; Instances 5, 8, 9, 12 at 4M moves, seeds 1-3, 12.8% without and
    // 13.2% with (within the seeds' spread).
    // Whole rows planned at their best against everyone else's work (`RowPlanner`): on the 8- and
    // 12-week horizons a share of the search's work (150 planner states per move tried), where the
    // annealing has few moves per day and person and left weekends half worked, though every weekend day
    // is short (15 s, seed 1, none -> 150: Instance16 4,290 -> 3,752, 17 6,762 -> 6,025, 18 5,546 ->
    // 5,625; at 60 s, seeds 1-2, 18 is better too); on the 4- and 6-week ones it cost more than it gave
    // (15 s, seed 1, none -> 100: Instance13 2,513 -> 3,139, 14 1,513 -> 1,606, 15 4,959 -> 5,522; at 6M
    // moves a plan every 7,000 moves left Instances 6, 8, 9 no better). Where rows are too big to plan
    // whole (Instances 19-24), windows of weeks get 30 states per move (30 s of CPU, seed 1, none -> 30
    // with windows of 400k states: Instance20 7,941 -> 6,503, 21 25,120 -> 23,983, 22 56,138 -> 49,707,
    // 23 38,873 -> 34,798; 24 within
    // its spread, 107,730 -> 111,487 and with 10 states 109,766 -> 112,824 on seed 2; 19 ranged 3,900 to
    // 4,450 with any budget); 150 there took more than half the moves and gave less. Every instance gets
    // the polish: each row (or window) planned in turn at the end until none improves.
    // Windows are planned only where the annealing has few moves per person and day (at least 5,000 of
    // them: Instances 20-24). On Instance19 (40 people, 84 days) they took 43% of the moves, and without
    // them it ended lower on each of seeds 1-4 at 60 s (3,664, 3,526, 3,834, 3,587 against 3,960, 3,798,
    // 3,936, 3,709); on Instance20 without them 5,818 against 5,559, on 21 22,393 against 22,373.
    rows: {
      construct: true,
      repairMoves: 20_000,
      moves: 0.75,
      relocate: 0.4,
      fill: 0.15,
      request: 0.1,
      replan: instance.horizonDays >= 56 ? 150 : 0,
      replanWindows: instance.horizonDays >= 56 && size >= WINDOWS_FROM_SIZE ? 30 : 0,
      polish: true,
    },
    blockMoves: 0.25,
    ...options,
    // From a dive that ended the annealing starts at 3, to improve on it (Instances 5-9, 60 s of CPU,
    // seed 1: 2.97% against 3.79% from the instance's own start temperature).
    ...(options.columnGeneration
      ? { columnGeneration: { startTemperature: 3, ...options.columnGeneration } }
      : {}),
    progressEveryMs: options.progressEveryMs ?? 50,
    onProgress: (p) => {
      if (p.best.hard === 0 && firstFeasible === null && now) firstFeasible = now() - t0;
      options.onProgress?.(p);
    },
  });
  const roster = assignmentsToRoster(instance, solution.assignments);
  if (solution.score.hard === 0 && firstFeasible === null && now) firstFeasible = solution.stats.elapsedMs;
  return {
    roster,
    evaluation: evaluateRoster(instance, roster),
    secondsToFirstFeasible: firstFeasible === null ? null : firstFeasible / 1000,
    moves: solution.stats.moves,
    elapsedMs: solution.stats.elapsedMs,
    ...(solution.stats.columnGeneration ? { columnGeneration: solution.stats.columnGeneration } : {}),
  };
}

/**
 * Over-cover slots per demand. Where the contracts' minimum totals alone ask for more shifts than the
 * cover wants (Instance22: 10,605 against 9,633; also 16, 17, 18 and 20), the surplus has to go
 * somewhere, and the default of max(1, requirement) extra people left some days' shift types full
 * before the last rows were built: on Instance22, with rows bounded by their runs and weekends and a
 * second round for the rows left out, seeds 1-10 each still left 1 to 4 of 50 rows to the repair, and
 * reached hard 0 only after about 10 s (20.7 s before the bound, quiet machine). With one more slot
 * each, seeds 1-20 built every row. The price: Instance22 at 4M moves, seeds 1-5, ends 5.8% higher
 * than without the slot (59,559 against 56,293 on average, both with the start hard weight below).
 */
function overCoverSlots(instance: CurtoisInstance): ((requirement: number) => number) | undefined {
  const longest = Math.max(...instance.shifts.map((t) => t.lengthMinutes));
  const leastShifts = instance.staff.reduce((n, s) => n + s.minTotalMinutes / longest, 0);
  const wanted = instance.cover.reduce((n, c) => n + c.requirement, 0);
  return leastShifts > wanted ? (requirement) => Math.max(1, requirement) + 1 : undefined;
}

/**
 * The hard weight's start: 1/3 of a soft point per hard point, and on the big instances, whose start
 * temperature is below 20, as much lower as their temperature (Instance20 0.22, 21 and 22 0.11, 23
 * 0.055, 24 0.037). At 1/3 a broken rule (about 480 hard points) costs 160 soft points where the
 * temperature is a few points, so a search that starts feasible hardly ever crosses a rota that
 * breaks one, and improves slowly; a lower start lets it trade rules for cover first and repair them
 * as the weight rises. Seed 1 at 3M moves (4M on Instance22), 1/3 against the weight above: Instance20
 * 13,427 against 11,691, 21 37,245 against 33,885, 22 73,462 against 60,663, 23 71,121 against 52,959,
 * 24 163,226 against 123,312.
 */
function startHardWeight(startTemperature: number): number {
  return (1 / 3) * Math.min(1, startTemperature / 20);
}
