import { sql, type Kysely, type Transaction } from 'kysely';
import { problems } from '../http/problem.js';
import type { DB } from '../db/schema.js';
import type { ShiftDto, ShiftStatusName } from './shift-model.js';
import { fromJson } from '../db/json.js';
import { shortFrom } from '../rules/coverage.js';

export interface ShiftFilter {
  /** Instants: shifts starting in [from, to). */
  from?: Date;
  to?: Date;
  placementId?: string;
  practitionerId?: string;
  status?: ShiftStatusName;
  ids?: string[];
}

interface ShiftRow {
  id: string;
  placement_id: string;
  case_reference: string;
  region: string;
  local_date: string;
  starts_at: Date;
  ends_at: Date;
  night: boolean;
  required: number;
  locked: boolean;
  revision: number;
  version: number;
  assignments: unknown;
  uncovered_by: unknown;
}

const iso = (t: string | Date) => new Date(t).toISOString();

function toShift(row: ShiftRow): ShiftDto {
  const assignments = fromJson<ShiftDto['assignments']>(row.assignments).map((a) => ({
    ...a,
    start: iso(a.start),
    end: iso(a.end),
  }));
  const parts = assignments.map((a) => ({ start: Date.parse(a.start), end: Date.parse(a.end) }));
  const short = shortFrom(parts, row.starts_at.getTime(), row.ends_at.getTime(), row.required, Date.now());
  const uncoveredBy = short !== null ? fromJson<ShiftDto['uncoveredBy']>(row.uncovered_by) : [];
  const status: ShiftStatusName =
    short === null ? 'covered' : uncoveredBy.length > 0 ? 'uncovered' : 'unfilled';
  return {
    id: row.id,
    placementId: row.placement_id,
    caseReference: row.case_reference,
    region: row.region,
    localDate: row.local_date,
    start: row.starts_at.toISOString(),
    end: row.ends_at.toISOString(),
    durationMinutes: Math.round((row.ends_at.getTime() - row.starts_at.getTime()) / 60_000),
    night: row.night,
    required: row.required,
    locked: row.locked,
    assignments,
    uncoveredBy: uncoveredBy.map((u) => ({ ...u, at: iso(u.at), from: iso(u.from) })),
    status,
    revision: Number(row.revision),
    version: row.version,
  };
}

function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom('shifts as s')
    .innerJoin('placements as p', 'p.id', 's.placement_id')
    .select([
      's.id',
      's.placement_id',
      'p.case_reference',
      'p.region',
      's.local_date',
      's.starts_at',
      's.ends_at',
      's.night',
      's.required',
      's.locked',
      's.revision',
      's.version',
      sql<unknown>`coalesce((
        select json_agg(json_build_object('practitionerId', a.practitioner_id, 'name', pr.name, 'source', a.source,
          'pinned', a.pinned, 'start', lower(a.period), 'end', upper(a.period)) order by lower(a.period), a.assigned_at, a.practitioner_id)
        from shift_assignments a join practitioners pr on pr.id = a.practitioner_id where a.shift_id = s.id), '[]'::json)`.as(
        'assignments',
      ),
      sql<unknown>`coalesce((
        select json_agg(json_build_object('practitionerId', u.practitioner_id, 'name', pr.name, 'absenceId', u.absence_id,
          'at', u.uncovered_at, 'rule', u.rule, 'reason', u.reason, 'from', coalesce(u.from_at, s.starts_at)) order by u.uncovered_at)
        from shift_uncoverings u join practitioners pr on pr.id = u.practitioner_id
        where u.shift_id = s.id and u.resolved_at is null), '[]'::json)`.as('uncovered_by'),
    ]);
}

export async function findShift(db: Kysely<DB>, id: string): Promise<ShiftDto | undefined> {
  const row = await baseQuery(db).where('s.id', '=', id).executeTakeFirst();
  return row ? toShift(row as ShiftRow) : undefined;
}

export async function listShifts(db: Kysely<DB>, filter: ShiftFilter, limit: number, offset: number) {
  let query = baseQuery(db);
  if (filter.from) query = query.where('s.starts_at', '>=', filter.from);
  if (filter.to) query = query.where('s.starts_at', '<', filter.to);
  if (filter.placementId) query = query.where('s.placement_id', '=', filter.placementId);
  if (filter.ids)
    query = query.where(
      's.id',
      'in',
      filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000'],
    );
  if (filter.practitionerId) {
    const pid = filter.practitionerId;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('shift_assignments as a')
          .select('a.shift_id')
          .whereRef('a.shift_id', '=', 's.id')
          .where('a.practitioner_id', '=', pid),
      ),
    );
  }
  const rows = (await query
    .orderBy('s.starts_at')
    .orderBy('p.case_reference')
    .orderBy('s.id')
    .execute()) as ShiftRow[];
  // Status is derived from assignments, so it is filtered after reading; rota periods are small.
  const all = rows.map(toShift).filter((s) => !filter.status || s.status === filter.status);
  return { items: all.slice(offset, offset + limit), total: all.length };
}

/** Locks a shift's row for a change of who works it, and reads it. */
export async function lockShift(trx: Transaction<DB>, id: string): Promise<ShiftDto> {
  await trx.selectFrom('shifts').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  const before = await findShift(trx, id);
  if (!before) throw problems.notFound('shift', id);
  return before;
}

export async function setShiftLocked(trx: Transaction<DB>, id: string, locked: boolean): Promise<void> {
  await trx.updateTable('shifts').set({ locked }).where('id', '=', id).execute();
}
