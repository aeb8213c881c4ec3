import type { ExpressionBuilder, Kysely, Transaction, UpdateObject } from 'kysely';
import type { DB, InterventionOutcome, ReassignmentReason } from '../db/schema.js';
import type { InterventionDto } from './intervention-model.js';
import { weekOfMonday } from './weeks.js';

/** SQL of interventions; rows become DTOs here and nowhere else. */
function interventionQuery(db: Kysely<DB>) {
  return db
    .selectFrom('osr_interventions as i')
    .innerJoin('practitioners as p', 'p.id', 'i.practitioner_id')
    .selectAll('i')
    .select('p.name as practitioner_name');
}

type Row = Awaited<ReturnType<ReturnType<typeof interventionQuery>['executeTakeFirstOrThrow']>>;
type ExtensionRow = { intervention_id: string; sessions: number; reason: string; extended_at: Date };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toDto(r: Row, extensions: ExtensionRow[]): InterventionDto {
  return {
    id: r.id,
    bookingId: r.booking_id,
    hub: r.hub_code,
    week: weekOfMonday(r.week_start),
    caseReference: r.case_reference,
    visitPractitionerId: r.visit_practitioner_id,
    practitionerId: r.practitioner_id,
    practitionerName: r.practitioner_name,
    reassignmentReason: r.reassignment_reason,
    reassignmentNote: r.reassignment_note,
    sessions: r.sessions,
    extraSessions: r.extra_sessions,
    totalSessions: r.sessions + r.extra_sessions,
    extensionReason: r.extension_reason,
    extendedAt: iso(r.extended_at),
    extensions: extensions.map((e) => ({
      sessions: e.sessions,
      reason: e.reason,
      extendedAt: e.extended_at.toISOString(),
    })),
    startedOn: r.started_on,
    status: r.closed_at ? 'closed' : 'open',
    closedOn: r.closed_on,
    outcome: r.outcome,
    sessionsDelivered: r.sessions_delivered,
    feedback:
      r.feedback_score === null ? null : { score: r.feedback_score, comment: r.feedback_comment ?? null },
    closedAt: iso(r.closed_at),
    version: r.version,
  };
}

async function withExtensions(db: Kysely<DB>, rows: Row[]): Promise<InterventionDto[]> {
  if (rows.length === 0) return [];
  const extensions = await db
    .selectFrom('osr_intervention_extensions')
    .select(['intervention_id', 'sessions', 'reason', 'extended_at'])
    .where(
      'intervention_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('extended_at')
    .orderBy('id')
    .execute();
  return rows.map((r) =>
    toDto(
      r,
      extensions.filter((e) => e.intervention_id === r.id),
    ),
  );
}

export async function findIntervention(db: Kysely<DB>, id: string): Promise<InterventionDto | undefined> {
  const row = await interventionQuery(db).where('i.id', '=', id).executeTakeFirst();
  return row ? (await withExtensions(db, [row]))[0] : undefined;
}

/** The intervention under a row lock, for a change in the same transaction. */
export async function lockIntervention(
  trx: Transaction<DB>,
  id: string,
): Promise<InterventionDto | undefined> {
  const row = await interventionQuery(trx).where('i.id', '=', id).forUpdate('i').executeTakeFirst();
  return row ? (await withExtensions(trx, [row]))[0] : undefined;
}

export interface InterventionFilter {
  hub?: string;
  fromMonday?: string;
  toMonday?: string;
  practitionerId?: string;
  caseReference?: string;
  status?: 'open' | 'closed';
}

export async function listInterventions(
  db: Kysely<DB>,
  f: InterventionFilter,
  limit: number,
  offset: number,
) {
  let query = db.selectFrom('osr_interventions as i');
  if (f.hub) query = query.where('i.hub_code', '=', f.hub);
  if (f.fromMonday) query = query.where('i.week_start', '>=', f.fromMonday);
  if (f.toMonday) query = query.where('i.week_start', '<=', f.toMonday);
  if (f.practitionerId) query = query.where('i.practitioner_id', '=', f.practitionerId);
  if (f.caseReference) query = query.where('i.case_reference', '=', f.caseReference);
  if (f.status) query = query.where('i.closed_at', f.status === 'closed' ? 'is not' : 'is', null);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const ids = await query
    .select('i.id')
    .orderBy('i.week_start')
    .orderBy('i.id')
    .limit(limit)
    .offset(offset)
    .execute();
  const rows = ids.length
    ? await interventionQuery(db)
        .where(
          'i.id',
          'in',
          ids.map((r) => r.id),
        )
        .orderBy('i.week_start')
        .orderBy('i.id')
        .execute()
    : [];
  return { items: await withExtensions(db, rows), total: Number(total.n) };
}

export async function interventionOfCase(db: Kysely<DB>, hub: string, monday: string, caseReference: string) {
  return db
    .selectFrom('osr_interventions')
    .select('id')
    .where('hub_code', '=', hub)
    .where('week_start', '=', monday)
    .where('case_reference', '=', caseReference)
    .executeTakeFirst();
}

export interface NewIntervention {
  bookingId: string;
  hub: string;
  monday: string;
  caseReference: string;
  practitionerId: string;
  sessions: number;
  startedOn: string;
}

export async function insertIntervention(trx: Transaction<DB>, v: NewIntervention): Promise<string> {
  const row = await trx
    .insertInto('osr_interventions')
    .values({
      booking_id: v.bookingId,
      hub_code: v.hub,
      week_start: v.monday,
      case_reference: v.caseReference,
      visit_practitioner_id: v.practitionerId,
      practitioner_id: v.practitionerId,
      reassignment_reason: null,
      reassignment_note: null,
      sessions: v.sessions,
      extension_reason: null,
      extended_at: null,
      started_on: v.startedOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes some columns of an intervention and moves it one version on (its ETag changes). */
async function updateIntervention(trx: Transaction<DB>, id: string, at: Date, set: Changes): Promise<void> {
  await trx
    .updateTable('osr_interventions')
    .set((eb) => ({ ...set(eb), version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .execute();
}

type Changes = (eb: ExpressionBuilder<DB, 'osr_interventions'>) => UpdateObject<DB, 'osr_interventions'>;

export async function reassignIntervention(
  trx: Transaction<DB>,
  id: string,
  to: { practitionerId: string; reason: ReassignmentReason | null; note: string | null },
): Promise<void> {
  await updateIntervention(trx, id, new Date(), () => ({
    practitioner_id: to.practitionerId,
    reassignment_reason: to.reason,
    reassignment_note: to.note,
  }));
}

export async function addExtension(
  trx: Transaction<DB>,
  id: string,
  sessions: number,
  reason: string,
  at: Date,
): Promise<void> {
  await trx
    .insertInto('osr_intervention_extensions')
    .values({ intervention_id: id, sessions, reason, extended_at: at })
    .execute();
  await updateIntervention(trx, id, at, (eb) => ({
    extra_sessions: eb('extra_sessions', '+', sessions),
    extension_reason: reason,
    extended_at: at,
  }));
}

export interface Closing {
  closedOn: string;
  outcome: InterventionOutcome;
  sessionsDelivered: number;
  feedback?: { score: number; comment?: string };
}

export async function closeIntervention(
  trx: Transaction<DB>,
  id: string,
  c: Closing,
  at: Date,
): Promise<void> {
  await updateIntervention(trx, id, at, () => ({
    closed_on: c.closedOn,
    outcome: c.outcome,
    sessions_delivered: c.sessionsDelivered,
    feedback_score: c.feedback?.score ?? null,
    feedback_comment: c.feedback?.comment ?? null,
    closed_at: at,
  }));
}

/** Interventions of these hubs closed on a local date in [fromDate, toDate], for the review. */
export async function closedBetween(db: Kysely<DB>, hubs: string[], fromDate: string, toDate: string) {
  if (hubs.length === 0) return [];
  const rows = await db
    .selectFrom('osr_interventions')
    .select(['hub_code', 'started_on', 'closed_on', 'outcome', 'feedback_score'])
    .where('hub_code', 'in', hubs)
    .where('closed_on', '>=', fromDate)
    .where('closed_on', '<=', toDate)
    .orderBy('closed_on')
    .execute();
  return rows.flatMap((r) =>
    r.closed_on && r.outcome
      ? [
          {
            hub: r.hub_code,
            startedOn: r.started_on,
            closedOn: r.closed_on,
            outcome: r.outcome,
            feedbackScore: r.feedback_score,
          },
        ]
      : [],
  );
}
