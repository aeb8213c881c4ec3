import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { auditContextOf, recordAudit } from '../audit/record.js';
import { checkIfMatch, setEtag } from '../http/etag.js';
import { problems } from '../http/problem.js';
import { listShifts } from '../placements/shift-repository.js';
import type { ShiftDto } from '../placements/shift-model.js';
import { keepRules, ruleBreaks, type TakenOff } from '../rules/enforce.js';
import type { RuleScope } from '../rules/facts.js';
import type { DomainEvent } from '../events/catalogue.js';
import { shiftEvent, takenOffEvent } from '../events/payloads.js';
import { writeDomainEvent, writeEvent } from './events.js';

/**
 * One write, described once: the change pipeline runs every step in one transaction, in this order:
 * lock the current state, check If-Match, write, re-check the rota's hard rules for the work the
 * change touches, audit (before, after and whatever the re-check took off), events, ETag.
 */
export interface Change<Before, After> {
  entity: string;
  /** What the audit calls it; an upsert says create or update once it has seen the locked row. */
  action: string | ((before: Before) => string);
  /** Reads the current state under a row lock (and throws 404 when there is none). */
  lock?: (trx: Transaction<DB>) => Promise<Before>;
  /** The version If-Match is compared with (none for a row that does not exist yet). */
  version?: (before: Before) => number | undefined;
  write: (trx: Transaction<DB>, before: Before) => Promise<After>;
  entityId: (after: After, before: Before) => string;
  /** Whose work the change touches; their assignments are judged again against the new facts. */
  recheck?: (after: After, before: Before) => RuleScope | undefined;
  /**
   * For a change that puts people on shifts (manual assignment, publishing, accepting a plan): a hard
   * rule broken by one of these assignments refuses the change (409) instead of taking anyone off.
   */
  assigns?: (after: After) => { shiftId: string; practitionerId: string }[];
  /** The event for other systems (typed by the catalogue); it may read names in the transaction. */
  event?: (
    after: After,
    before: Before,
    trx: Transaction<DB>,
  ) => DomainEvent | undefined | Promise<DomainEvent | undefined>;
  /** The new version, sent as the ETag. */
  etag?: (after: After) => number;
  /** What the audit log keeps as "after" (default: the result). */
  audited?: (after: After) => unknown;
}

export interface ChangeContext {
  db: Kysely<DB>;
  timezone: string;
  request: FastifyRequest;
  reply?: FastifyReply;
  now?: Date;
}

export interface Applied<After> {
  after: After;
  /** Shifts the re-check left short, as they are now. */
  uncoveredShifts: ShiftDto[];
  takenOff: TakenOff[];
}

export async function applyChange<Before, After>(
  ctx: ChangeContext,
  change: Change<Before, After>,
): Promise<Applied<After>> {
  const now = ctx.now ?? new Date();
  const rules = { now, timezone: ctx.timezone };
  const applied = await ctx.db.transaction().execute(async (trx) => {
    const before = (change.lock ? await change.lock(trx) : undefined) as Before;
    const version = change.version?.(before);
    if (version !== undefined) checkIfMatch(ctx.request, version);
    const after = await change.write(trx, before);
    const assigned = change.assigns?.(after) ?? [];
    const scope = change.recheck?.(after, before);
    if (assigned.length) await refuseBreaks(trx, assigned, rules);
    const { takenOff, uncoveredShifts } = scope
      ? await keepRulesAndTell(trx, scope, rules)
      : { takenOff: [], uncoveredShifts: [] };
    const entityId = change.entityId(after, before);
    await recordAudit(trx, auditContextOf(ctx.request), {
      entity: change.entity,
      entityId,
      action: typeof change.action === 'string' ? change.action : change.action(before),
      ...(change.lock ? { before } : {}),
      after: {
        ...(objectOf(change.audited ? change.audited(after) : after) ?? {}),
        ...(takenOff.length ? { takenOff } : {}),
      },
    });
    const event = await change.event?.(after, before, trx);
    if (event) await writeDomainEvent(trx, event);
    await tellUncovered(trx, uncoveredShifts, takenOff);
    return { after, uncoveredShifts, takenOff };
  });
  if (ctx.reply && change.etag) setEtag(ctx.reply, change.etag(applied.after));
  return applied;
}

/**
 * The re-check step alone, for writes that run many changes in one transaction (imports): takes off
 * whatever the new facts rule out and returns the shifts left short. Their events follow with tellUncovered.
 */
export async function keepRulesAndTell(
  trx: Transaction<DB>,
  scope: RuleScope,
  rules: { now: Date; timezone: string },
): Promise<{ takenOff: TakenOff[]; uncoveredShifts: ShiftDto[] }> {
  const takenOff = await keepRules(trx, scope, rules);
  const shiftIds = [...new Set(takenOff.map((t) => t.shiftId))];
  const uncoveredShifts = shiftIds.length
    ? (await listShifts(trx, { ids: shiftIds }, shiftIds.length, 0)).items
    : [];
  return { takenOff, uncoveredShifts };
}

/** A `shift.uncovered` event for each shift the re-check left short. */
export async function tellUncovered(
  trx: Transaction<DB>,
  shifts: ShiftDto[],
  takenOff: TakenOff[],
): Promise<void> {
  for (const shift of shifts) {
    await writeEvent(trx, 'shift.uncovered', shift.id, {
      shift: shiftEvent(shift),
      takenOff: takenOffEvent(shift, takenOff),
    });
  }
}

const objectOf = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/** 409 when any of the given assignments breaks a hard rule under the facts as they are now. */
async function refuseBreaks(
  trx: Kysely<DB>,
  assigned: { shiftId: string; practitionerId: string }[],
  rules: { now: Date; timezone: string },
): Promise<void> {
  const people = [...new Set(assigned.map((a) => a.practitionerId))];
  const breaks = await ruleBreaks(trx, { practitionerIds: people }, rules);
  const mine = new Set(assigned.map((a) => `${a.shiftId}|${a.practitionerId}`));
  const broken = breaks.filter((b) => b.involvedShiftIds.some((s) => mine.has(`${s}|${b.practitionerId}`)));
  if (broken.length === 0) return;
  const shown = broken.slice(0, 10).map((b) => b.message);
  throw problems.conflict(
    `${broken.length} assignment(s) would break a hard rule under the facts as they are now: ${shown.join('; ')}${broken.length > shown.length ? '; ...' : ''}. Nothing was changed.`,
    'rule-broken',
    {
      breaks: broken.map((b) => ({
        shiftId: b.shiftId,
        practitionerId: b.practitionerId,
        rule: b.rule,
        message: b.message,
      })),
    },
  );
}
