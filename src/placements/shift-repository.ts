import { sql, type Kysely, type Transaction } from 'kysely';
import { problems } from '../http/problem.js';
import type { DB } from '../db/schema.js';
import type { ShiftDto, ShiftStatusName } from './shift-model.js';
import { fromJson } from '../db/json.js';
import { badCursor, decodeCursor, encodeCursor } from '../http/cursor.js';
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
  shift_type: ShiftDto['type'];
  required: number;
  locked: boolean;
  revision: number;
  version: number;
  assignments: unknown;
  uncovered_by: unknown;
}

const iso = (t: string | Date) => new Date(t).toISOString();

/** A shift as the API shows it; its status by `shortFrom` at `now`, the same rule as `statusSql`. */
function toShift(row: ShiftRow, now = Date.now()): ShiftDto {
  const assignments = fromJson<ShiftDto['assignments']>(row.assignments).map((a) => ({
    ...a,
    start: iso(a.start),
    end: iso(a.end),
  }));
  const parts = assignments.map((a) => ({ start: Date.parse(a.start), end: Date.parse(a.end) }));
  const short = shortFrom(parts, row.starts_at.getTime(), row.ends_at.getTime(), row.required, now);
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
    type: row.shift_type,
    required: row.required,
    locked: row.locked,
    assignments,
    uncoveredBy: uncoveredBy.map((u) => ({ ...u, at: iso(u.at), from: iso(u.from) })),
    status,
    revision: Number(row.revision),
    version: row.version,
  };
}

/**
 * The shift's status in SQL, so lists filter on it before they page (shown, it is derived in `toShift`
 * at the same instant; the filter test checks they agree). The same sweep as `shortFrom`:
 * the shift is short when, at its start (or now, for a running shift) or at any edge of a part worked,
 * fewer than `required` parts cover that moment (ranges are [start, end)). Short with someone taken off
 * by an absence and not yet covered is uncovered; short otherwise is unfilled.
 */
function statusSql(now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql<ShiftStatusName>`case
    when not exists (
      select 1
      from (select case when ${at} < s.ends_at then greatest(s.starts_at, ${at}) else s.starts_at end as t) f
      cross join lateral (
        select f.t as t
        union select lower(a.period) from shift_assignments a where a.shift_id = s.id
        union select upper(a.period) from shift_assignments a where a.shift_id = s.id
      ) e
      where e.t >= f.t and e.t < s.ends_at
        and (select count(*) from shift_assignments c where c.shift_id = s.id and c.period @> e.t) < s.required
    ) then 'covered'
    when exists (select 1 from shift_uncoverings u where u.shift_id = s.id and u.resolved_at is null) then 'uncovered'
    else 'unfilled'
  end`;
}

/** A shift's own columns, as every reader of shifts (with placements as p) selects them. */
export const SHIFT_COLUMNS = [
  's.id',
  's.placement_id',
  's.local_date',
  's.starts_at',
  's.ends_at',
  's.night',
  's.shift_type',
  's.required',
  's.locked',
  's.revision',
] as const;

function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom('shifts as s')
    .innerJoin('placements as p', 'p.id', 's.placement_id')
    .select([
      ...SHIFT_COLUMNS,
      'p.case_reference',
      'p.region',
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

function filtered(db: Kysely<DB>, filter: ShiftFilter, now: Date) {
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
  if (filter.status) query = query.where(statusSql(now), '=', filter.status);
  return query;
}

export interface ShiftPage {
  items: ShiftDto[];
  total: number;
  /** Cursor of the page after this one, or null when this is the last. */
  next: string | null;
}

/** Shifts after a cursor, in order of start then id: keyset, so a page costs the same wherever it is. */
async function pageAfter(
  db: Kysely<DB>,
  filter: ShiftFilter,
  now: Date,
  page: { limit: number; offset?: number; cursor?: string },
) {
  let query = filtered(db, filter, now);
  if (page.cursor) {
    const [start, id] = decodeCursor(page.cursor, ['string', 'string']) as [string, string];
    const at = new Date(start);
    if (Number.isNaN(at.getTime()) || !UUID.test(id)) throw badCursor();
    query = query.where(({ eb, refTuple, tuple }) => eb(refTuple('s.starts_at', 's.id'), '>', tuple(at, id)));
  }
  const rows = (await query
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .limit(page.limit + 1)
    .offset(page.offset ?? 0)
    .execute()) as ShiftRow[];
  const items = rows.slice(0, page.limit).map((row) => toShift(row, now.getTime()));
  const last = items[items.length - 1];
  return { items, next: rows.length > page.limit && last ? encodeCursor([last.start, last.id]) : null };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One page of shifts, paged in SQL. Status is derived in SQL, so a status filter holds across pages;
 * `next` tells a client that more exist.
 */
export async function listShifts(
  db: Kysely<DB>,
  filter: ShiftFilter,
  limit: number,
  offset: number,
  cursor?: string,
): Promise<ShiftPage> {
  const now = new Date();
  const [{ items, next }, counted] = await Promise.all([
    pageAfter(db, filter, now, { limit, offset, cursor }),
    filtered(db, filter, now)
      .clearSelect()
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(counted.n), next };
}

/**
 * Every shift matching a filter, in batches read one after another by keyset, for exports: memory holds
 * one batch, and other requests run between batches.
 */
export async function* shiftBatches(
  db: Kysely<DB>,
  filter: ShiftFilter,
  limit = 200,
): AsyncGenerator<ShiftDto[]> {
  const now = new Date();
  let cursor: string | undefined;
  for (;;) {
    const page = await pageAfter(db, filter, now, { limit, cursor });
    if (page.items.length) yield page.items;
    if (page.next === null) return;
    cursor = page.next;
  }
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
