import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, GradeMix } from '../db/schema.js';
import { weekOfMonday } from './weeks.js';

/** A hub's 0-19 practitioner as the rota sees them. */
export interface HubPractitioner {
  id: string;
  name: string;
  grade: string;
  hub: string;
  /** Fixed on a kept week but no longer in the hub: kept for pinning, never eligible. */
  left?: boolean;
}

export interface AbsenceFact {
  practitionerId: string;
  kind: 'sickness' | 'annual_leave' | 'training' | 'unavailable';
  start: Date;
  /** null: open-ended sickness. */
  end: Date | null;
}

export interface GradeMixSetting {
  gradeMix: GradeMix;
  /** The share of weeks led by grade H (alternate: 0.5). */
  hShare: number;
}

export const DEFAULT_GRADE_MIX: GradeMixSetting = { gradeMix: 'share', hShare: 0.5 };

/** A stored hub-week of the rota: its lead responder, or none with the reasons why. */
export interface LeadRow {
  hub: string;
  week: string;
  monday: string;
  practitionerId: string | null;
  name: string | null;
  grade: string | null;
  source: 'generated' | 'override';
  reason: string | null;
  unfilledReasons: string[];
  issuedAt: Date | null;
  version: number;
}

export async function hubExists(db: Kysely<DB>, hub: string): Promise<boolean> {
  return Boolean(await db.selectFrom('hubs').select('code').where('code', '=', hub).executeTakeFirst());
}

export async function hubNames(db: Kysely<DB>, hubs?: string[]): Promise<Map<string, string>> {
  let query = db.selectFrom('hubs').select(['code', 'name']).orderBy('code');
  if (hubs) query = query.where('code', 'in', hubs.length ? hubs : ['']);
  return new Map((await query.execute()).map((r) => [r.code, r.name]));
}

/** Every current (not archived) 0-19 practitioner of the hub, of any grade. */
export async function hubPractitioners(db: Kysely<DB>, hub: string): Promise<HubPractitioner[]> {
  const rows = await db
    .selectFrom('practitioners')
    .select(['id', 'name', 'grade', 'hub'])
    .where('kind', '=', 'zero_nineteen')
    .where('hub', '=', hub)
    .where('archived_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, grade: (r.grade ?? '').toUpperCase(), hub }));
}

export async function findPractitionerBrief(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('practitioners')
    .select(['id', 'name', 'grade', 'hub', 'kind', 'archived_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Absences of these people overlapping [from, to). */
export async function absencesOf(
  db: Kysely<DB>,
  ids: string[],
  from: Date,
  to: Date,
): Promise<AbsenceFact[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('absences')
    .select(['practitioner_id', 'kind', 'starts_at', 'ends_at'])
    .where('deleted_at', 'is', null)
    .where('practitioner_id', 'in', ids)
    .where('starts_at', '<', to)
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', from)]))
    .orderBy('starts_at')
    .execute();
  return rows.map((r) => ({
    practitionerId: r.practitioner_id,
    kind: r.kind,
    start: r.starts_at,
    end: r.ends_at,
  }));
}

export async function gradeMixOf(db: Kysely<DB>, hub: string): Promise<GradeMixSetting> {
  const row = await db
    .selectFrom('osr_hub_settings')
    .selectAll()
    .where('hub_code', '=', hub)
    .executeTakeFirst();
  if (!row) return DEFAULT_GRADE_MIX;
  return { gradeMix: row.grade_mix, hShare: row.grade_mix === 'alternate' ? 0.5 : Number(row.h_share) };
}

interface LeadFilter {
  hubs?: string[];
  fromMonday: string;
  toMonday: string;
}

/** The stored rota rows of these hubs between two Mondays, both included, by hub then week. */
export async function leadRows(db: Kysely<DB>, filter: LeadFilter): Promise<LeadRow[]> {
  return (await leadQuery(db, filter).execute()).map(toLeadRow);
}

/** Stored hub-weeks under row locks, for a change in the same transaction. */
export async function lockLeadRows(trx: Transaction<DB>, filter: LeadFilter): Promise<LeadRow[]> {
  return (await leadQuery(trx, filter).forUpdate('l').execute()).map(toLeadRow);
}

function leadQuery(db: Kysely<DB>, filter: LeadFilter) {
  let query = db
    .selectFrom('osr_lead_responders as l')
    .leftJoin('practitioners as p', 'p.id', 'l.practitioner_id')
    .select(['l.hub_code', 'l.week_start', 'l.practitioner_id', 'p.name', 'l.grade', 'l.source', 'l.reason'])
    .select(['l.unfilled_reasons', 'l.issued_at', 'l.version'])
    .where('l.week_start', '>=', filter.fromMonday)
    .where('l.week_start', '<=', filter.toMonday)
    .orderBy('l.hub_code')
    .orderBy('l.week_start');
  if (filter.hubs) query = query.where('l.hub_code', 'in', filter.hubs.length ? filter.hubs : ['']);
  return query;
}

type LeadQueryRow = Awaited<ReturnType<ReturnType<typeof leadQuery>['executeTakeFirstOrThrow']>>;

const reasonsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

function toLeadRow(r: LeadQueryRow): LeadRow {
  return {
    hub: r.hub_code,
    week: weekOfMonday(r.week_start),
    monday: r.week_start,
    practitionerId: r.practitioner_id,
    name: r.name,
    grade: r.grade,
    source: r.source,
    reason: r.reason,
    unfilledReasons: reasonsOf(r.unfilled_reasons),
    issuedAt: r.issued_at,
    version: r.version,
  };
}

/** Marks the filled, not yet issued hub-weeks between two Mondays as issued; returns how many. */
export async function issueWeeks(
  trx: Transaction<DB>,
  f: { hub?: string; fromMonday: string; toMonday: string },
  at: Date,
): Promise<number> {
  let q = trx
    .updateTable('osr_lead_responders')
    .set((eb) => ({ issued_at: at, version: eb('version', '+', 1), updated_at: at }))
    .where('issued_at', 'is', null)
    .where('practitioner_id', 'is not', null)
    .where('week_start', '>=', f.fromMonday)
    .where('week_start', '<=', f.toMonday);
  if (f.hub) q = q.where('hub_code', '=', f.hub);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

/** Writes a hub manager's override; an override of an issued week stays issued. */
export async function saveOverride(
  trx: Transaction<DB>,
  o: { hub: string; monday: string; practitionerId: string; grade: string | null; reason: string },
): Promise<void> {
  await saveLead(trx, o.hub, o.monday, {
    practitioner_id: o.practitionerId,
    grade: o.grade,
    source: 'override',
    reason: o.reason,
    unfilled_reasons: null,
  });
}

/** Writes a generated hub-week (replacing an earlier generated, unissued one). */
export async function saveGenerated(
  db: Kysely<DB>,
  row: {
    hub: string;
    monday: string;
    practitionerId: string | null;
    grade: string | null;
    reasons: string[];
  },
): Promise<void> {
  await saveLead(db, row.hub, row.monday, {
    practitioner_id: row.practitionerId,
    grade: row.grade,
    source: 'generated',
    reason: null,
    unfilled_reasons: row.practitionerId ? null : JSON.stringify(row.reasons),
    issued_at: null,
  });
}

type LeadValues = Omit<Insertable<DB['osr_lead_responders']>, 'hub_code' | 'week_start'>;

/** Inserts a hub-week's lead responder, or writes over the stored one a version on. */
async function saveLead(db: Kysely<DB>, hub: string, monday: string, values: LeadValues): Promise<void> {
  await db
    .insertInto('osr_lead_responders')
    .values({ hub_code: hub, week_start: monday, ...values })
    .onConflict((oc) =>
      oc.columns(['hub_code', 'week_start']).doUpdateSet((eb) => ({
        ...values,
        version: eb('osr_lead_responders.version', '+', 1),
        updated_at: new Date(),
      })),
    )
    .execute();
}
