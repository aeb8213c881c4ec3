import type { Kysely, Transaction } from 'kysely';
import { applyChange, type ChangeContext } from '../changes/apply-change.js';
import { lockFactsForAssigning } from '../changes/locks.js';
import { fromJson } from '../db/json.js';
import type { DB } from '../db/schema.js';
import { actorOf } from '../http/auth.js';
import { problems } from '../http/problem.js';
import { MAX_SPAN_DAYS } from '../http/spans.js';
import { findAbsence } from '../panel/absence-repository.js';
import { localPeriod } from '../time/period.js';
import { acceptPlan } from './accept.js';
import { withinHorizon } from './horizon.js';
import { coverTargets, ensureSomethingToCover, makeCoverPlan, type CoverTargetSpec } from './plan.js';
import type { CoverPlanBody } from './plan-solve.js';
import {
  findCoverPlan,
  findPlanRow,
  insertPlan,
  refuseIfAbsenceDeleted,
  toCoverPlan,
} from './plan-repository.js';

/** What a request for a cover plan asks to cover: exactly one of an absence, shifts, or a period. */
export interface CoverPlanAsk {
  absenceId?: string;
  shiftIds?: string[];
  from?: string;
  to?: string;
}

/**
 * Makes a joint cover plan for what is asked (within the horizon of days ahead) and keeps it as a
 * proposal; a new plan for an absence replaces its earlier proposals.
 */
export async function proposeCoverPlan(ctx: ChangeContext, ask: CoverPlanAsk, horizonDays: number) {
  const { db, timezone } = ctx;
  const now = new Date();
  const { spec, what } = await targetSpec(db, timezone, ask);
  const all = await coverTargets(db, spec, now);
  ensureSomethingToCover(all, what);
  const { targets, horizon } = withinHorizon(all, horizonDays);
  const made = await makeCoverPlan(db, targets, timezone, now);
  const plan = { ...made.body, horizon };
  const { after } = await applyChange(ctx, {
    entity: 'cover_plan',
    action: 'propose',
    write: (trx) => {
      const createdBy = actorOf(ctx.request).keyId;
      return insertPlan(trx, {
        absenceId: ask.absenceId ?? null,
        target: ask,
        plan,
        revisions: made.revisions,
        createdBy,
      });
    },
    entityId: (row) => row.id,
    audited: () => plan,
  });
  return toCoverPlan(after);
}

/** A cover plan as the API shows it; 404 when there is none. */
export async function coverPlan(db: Kysely<DB>, id: string) {
  const plan = await findCoverPlan(db, id);
  if (!plan) throw problems.notFound('cover plan', id);
  return plan;
}

/**
 * Accepts a plan, all of it or nothing: whoever it puts on a shift is judged against the facts as they
 * are now (someone it proposes may have fallen sick or left since), and anything broken refuses it.
 */
export async function acceptCoverPlan(ctx: ChangeContext, id: string) {
  await applyChange(ctx, {
    entity: 'cover_plan',
    action: 'accept',
    lock: (trx) => lockPlanFacts(trx, id),
    write: (trx) => acceptPlan(trx, id, new Date()),
    entityId: () => id,
    assigns: (body) => [
      ...body.assignments,
      ...body.changes.flatMap((c) => c.added.map((p) => ({ shiftId: c.shiftId, practitionerId: p }))),
    ],
  });
  return coverPlan(ctx.db, id);
}

/** The plan's shifts and people, locked as every write that assigns locks them; 404 and 409 in words. */
async function lockPlanFacts(trx: Transaction<DB>, id: string): Promise<void> {
  const row = await findPlanRow(trx, id);
  if (!row) throw problems.notFound('cover plan', id);
  await refuseIfAbsenceDeleted(trx, id);
  const plan = fromJson<CoverPlanBody>(row.plan);
  await lockFactsForAssigning(
    trx,
    [...plan.assignments.map((a) => a.shiftId), ...plan.changes.map((c) => c.shiftId)],
    [...plan.assignments.map((a) => a.practitionerId), ...plan.changes.flatMap((c) => c.added)],
  );
}

/** What a request for a cover plan asks to cover, checked: exactly one of an absence, shifts or a period. */
async function targetSpec(
  db: Kysely<DB>,
  tz: string,
  ask: CoverPlanAsk,
): Promise<{ spec: CoverTargetSpec; what: string }> {
  const modes = [ask.absenceId, ask.shiftIds, ask.from ?? ask.to].filter((x) => x !== undefined).length;
  if (modes !== 1 || (ask.from === undefined) !== (ask.to === undefined)) {
    throw problems.badRequest('Give exactly one of: absenceId, shiftIds, or from and to together.', [
      { field: '/body', message: 'needs absenceId, shiftIds, or from and to' },
    ]);
  }
  if (ask.absenceId) {
    const absence = await findAbsence(db, ask.absenceId);
    if (!absence) throw problems.notFound('absence', ask.absenceId);
    return { spec: { absenceId: ask.absenceId }, what: 'this absence' };
  }
  if (ask.shiftIds) return { spec: { shiftIds: ask.shiftIds }, what: 'the shifts asked for' };
  const period = localPeriod(ask.from!, ask.to!, tz, MAX_SPAN_DAYS.rotaRun, '/body/to');
  return { spec: { period }, what: `${ask.from} to ${ask.to}` };
}
