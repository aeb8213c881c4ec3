import { HARD_RULES, type RowFacts } from './hard-rules.js';
import type { CostBreakdown, CurtoisInstance, Evaluation, Roster, ShiftType, Violation } from './types.js';

/**
 * The reference evaluator of FORMAT.md §4-5, written for reading rather than speed; the solver keeps its
 * own incremental score and the tests check the two agree. Hard violations are listed, never priced.
 */
export function evaluateRoster(instance: CurtoisInstance, roster: Roster): Evaluation {
  const shiftById = new Map(instance.shifts.map((s) => [s.id, s] as const));
  const violations: Violation[] = [];
  const rows = new Map<string, string[]>();

  for (const employee of instance.staff) {
    const { row, problems } = normaliseRow(roster[employee.id], instance.horizonDays, shiftById);
    for (const detail of problems) violations.push({ rule: 'roster-shape', employee: employee.id, detail });
    rows.set(employee.id, row);
    const facts: RowFacts = { instance, employee, row, shiftById };
    for (const { check } of HARD_RULES) violations.push(...check(facts));
  }
  const known = new Set(instance.staff.map((e) => e.id));
  for (const id of Object.keys(roster)) {
    if (!known.has(id)) violations.push({ rule: 'roster-shape', employee: id, detail: 'not a staff member' });
  }

  const breakdown = softCost(instance, rows);
  return {
    feasible: violations.length === 0,
    violations,
    cost: breakdown.on + breakdown.off + breakdown.under + breakdown.over,
    breakdown,
  };
}

/** A row must hold H entries, each '' or a known shift id; anything else is reported and read as off. */
function normaliseRow(
  row: readonly string[] | undefined,
  horizon: number,
  shiftById: ReadonlyMap<string, ShiftType>,
): { row: string[]; problems: string[] } {
  if (row === undefined) return { row: new Array<string>(horizon).fill(''), problems: ['no row'] };
  const problems: string[] = [];
  if (row.length !== horizon) problems.push(`${row.length} days, expected ${horizon}`);
  const out: string[] = [];
  for (let d = 0; d < horizon; d++) {
    const v = row[d] ?? '';
    if (v !== '' && !shiftById.has(v)) problems.push(`unknown shift ${JSON.stringify(v)} on day ${d}`);
    out.push(shiftById.has(v) ? v : '');
  }
  return { row: out, problems };
}

function softCost(instance: CurtoisInstance, rows: ReadonlyMap<string, readonly string[]>): CostBreakdown {
  let on = 0;
  let off = 0;
  for (const r of instance.onRequests) if (rows.get(r.employee)?.[r.day] !== r.shift) on += r.weight;
  for (const r of instance.offRequests) if (rows.get(r.employee)?.[r.day] === r.shift) off += r.weight;

  const assigned = new Map<string, number>();
  const key = (day: number, shift: string): string => `${day}\u0000${shift}`;
  for (const row of rows.values()) {
    row.forEach((v, day) => {
      if (v !== '') assigned.set(key(day, v), (assigned.get(key(day, v)) ?? 0) + 1);
    });
  }
  let under = 0;
  let over = 0;
  for (const c of instance.cover) {
    const n = assigned.get(key(c.day, c.shift)) ?? 0;
    under += Math.max(0, c.requirement - n) * c.weightUnder;
    over += Math.max(0, n - c.requirement) * c.weightOver;
  }
  return { on, off, under, over };
}
