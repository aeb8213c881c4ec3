import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { cutAssignment, touchShift } from '../rota/assignments.js';
import { findBreaks, type RuleBreak, type RuleName } from './check.js';
import { loadRuleFacts, peopleInScope, type RuleFacts, type RuleScope } from './facts.js';
import { referenceNames } from '../rota/problem.js';

/** Someone a re-check took off (part of) a shift, and why. */
export interface TakenOff {
  shiftId: string;
  practitionerId: string;
  rule: RuleName;
  reason: string;
  /** From when they no longer work it (the shift's start, or the moment they stopped). */
  from: string;
}

export interface RuleContext {
  now: Date;
  timezone: string;
}

// Rules over several shifts are mended one shift per person per pass: taking one shift off may mend
// several windows at once (one shift taken off joins two single days off), so the rest are judged again
// rather than all taken off together.
const SEQUENCE_RULES = new Set<RuleName>([
  'overlap',
  'minimumRest',
  'maxMinutesPer7Days',
  'maxConsecutiveDays',
  'maxConsecutiveNights',
  'daysOff',
  'minConsecutiveDaysOff',
  'maxWeekends',
]);
const MAX_PASSES = 40;

/** When a break's person stops working the shift: when their absence began, or now. */
function cutAt(facts: RuleFacts, b: RuleBreak, now: Date): { at: Date; absenceId: string | null } {
  const part = facts.parts.find((p) => p.shiftId === b.shiftId && p.practitionerId === b.practitionerId)!;
  const floor = new Date(Math.max(part.start.getTime(), now.getTime()));
  if (b.rule !== 'absence') return { at: floor, absenceId: null };
  const absence = facts.absences
    .filter(
      (a) =>
        a.practitionerId === b.practitionerId && a.start < part.end && (a.end === null || a.end > part.start),
    )
    .sort((x, y) => x.start.getTime() - y.start.getTime())[0];
  if (!absence) return { at: floor, absenceId: null };
  return { at: new Date(Math.max(part.start.getTime(), absence.start.getTime())), absenceId: absence.id };
}

function toMend(breaks: RuleBreak[], passesLeft: number): RuleBreak[] {
  if (passesLeft <= 1) return breaks;
  const seen = new Set<string>();
  return breaks.filter((b) => {
    if (!SEQUENCE_RULES.has(b.rule)) return true;
    if (seen.has(b.practitionerId)) return false;
    seen.add(b.practitionerId);
    return true;
  });
}

/**
 * Keeps the rota's hard rules after a change of facts, in the caller's transaction: the work of the
 * people the change touches is judged by the scheduler core's rules, and every assignment that now
 * breaks one is taken off from the moment it breaks (the shift shows as uncovered, with who and why).
 * Work that has ended is history and is never changed.
 */
export async function keepRules(db: Kysely<DB>, scope: RuleScope, ctx: RuleContext): Promise<TakenOff[]> {
  const people = await peopleInScope(db, scope, ctx.now);
  if (people.length === 0) return [];
  const takenOff: TakenOff[] = [];
  const names = await referenceNames(db);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const facts = await loadRuleFacts(db, people, ctx.now, ctx.timezone, names);
    const breaks = findBreaks(facts, ctx.now, ctx.timezone);
    if (breaks.length === 0) break;
    const touched = new Set<string>();
    for (const b of toMend(breaks, MAX_PASSES - pass)) {
      const { at, absenceId } = cutAt(facts, b, ctx.now);
      await cutAssignment(db, b.shiftId, b.practitionerId, at);
      await db
        .insertInto('shift_uncoverings')
        .values({
          shift_id: b.shiftId,
          practitioner_id: b.practitionerId,
          absence_id: absenceId,
          rule: b.rule,
          reason: b.message,
          from_at: at,
        })
        .execute();
      touched.add(b.shiftId);
      takenOff.push({
        shiftId: b.shiftId,
        practitionerId: b.practitionerId,
        rule: b.rule,
        reason: b.message,
        from: at.toISOString(),
      });
    }
    for (const shiftId of touched) await touchShift(db, shiftId);
  }
  return takenOff;
}

/** Breaks in the work of the people a scope names, without changing anything. */
export async function ruleBreaks(db: Kysely<DB>, scope: RuleScope, ctx: RuleContext): Promise<RuleBreak[]> {
  const people = await peopleInScope(db, scope, ctx.now);
  if (people.length === 0) return [];
  const facts = await loadRuleFacts(db, people, ctx.now, ctx.timezone);
  return findBreaks(facts, ctx.now, ctx.timezone);
}

/** Which of these shifts overlap a period (a break is reported where its shift is). */
export async function shiftsOverlapping(
  db: Kysely<DB>,
  shiftIds: string[],
  period: { start: Date; end: Date },
): Promise<Set<string>> {
  if (shiftIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('shifts')
    .select('id')
    .where('starts_at', '<', period.end)
    .where('ends_at', '>', period.start)
    .where('id', 'in', shiftIds)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The breaks of a period as the API shows them: of shifts that overlap it, without what mending needs. */
export async function breaksWithin(db: Kysely<DB>, period: { start: Date; end: Date }, timezone: string) {
  const scope = { period: { from: period.start, to: period.end } };
  const breaks = await ruleBreaks(db, scope, { now: new Date(), timezone });
  const keep = await shiftsOverlapping(
    db,
    breaks.map((b) => b.shiftId),
    period,
  );
  return breaks
    .filter((b) => keep.has(b.shiftId))
    .map(({ shiftId, practitionerId, rule, message }) => ({ shiftId, practitionerId, rule, message }));
}
