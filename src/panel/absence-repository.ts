import type { Kysely, Transaction, Updateable } from 'kysely';
import type { AbsenceKind, AbsencesTable, DB } from '../db/schema.js';
import { toAbsence, type AbsenceDto } from './absence-model.js';

const live = (db: Kysely<DB>, id: string) =>
  db.selectFrom('absences').selectAll().where('id', '=', id).where('deleted_at', 'is', null);

export async function findAbsence(db: Kysely<DB>, id: string): Promise<AbsenceDto | undefined> {
  const row = await live(db, id).executeTakeFirst();
  return row && toAbsence(row);
}

/** The absence (not deleted), locked until the transaction ends. */
export async function lockAbsenceRow(trx: Transaction<DB>, id: string): Promise<AbsenceDto | undefined> {
  const row = await live(trx, id).forUpdate().executeTakeFirst();
  return row && toAbsence(row);
}

export interface AbsenceFilter {
  /** Instants bounding the period: absences overlapping [from, to) are listed. */
  from?: Date;
  to?: Date;
  practitionerId?: string;
  kind?: AbsenceKind;
  open?: boolean;
}

export async function listAbsences(db: Kysely<DB>, filter: AbsenceFilter, limit: number, offset: number) {
  let query = db.selectFrom('absences').where('deleted_at', 'is', null);
  if (filter.to) query = query.where('starts_at', '<', filter.to);
  if (filter.from) {
    const from = filter.from;
    query = query.where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', from)]));
  }
  if (filter.practitionerId) query = query.where('practitioner_id', '=', filter.practitionerId);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.open !== undefined) query = query.where('ends_at', filter.open ? 'is' : 'is not', null);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('starts_at')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
  return { items: rows.map(toAbsence), total: Number(total.n) };
}

export async function insertAbsence(
  db: Kysely<DB>,
  v: { practitionerId: string; kind: AbsenceKind; start: Date; end: Date | null; note: string | null },
): Promise<AbsenceDto> {
  const row = await db
    .insertInto('absences')
    .values({
      practitioner_id: v.practitionerId,
      kind: v.kind,
      starts_at: v.start,
      ends_at: v.end,
      note: v.note,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAbsence(row);
}

export async function updateAbsence(
  db: Kysely<DB>,
  id: string,
  v: { end: Date | null; note: string | null },
): Promise<AbsenceDto> {
  const row = await bump(db, id, { ends_at: v.end, note: v.note }).returningAll().executeTakeFirstOrThrow();
  return toAbsence(row);
}

/**
 * Marks an absence deleted (soft): it stops counting everywhere, but the cover plans made for it, and what
 * they answered, stay readable.
 */
export async function deleteAbsence(db: Kysely<DB>, id: string): Promise<void> {
  await bump(db, id, { deleted_at: new Date() }).execute();
}

/** An update of an absence that moves its version on. */
const bump = (db: Kysely<DB>, id: string, set: Updateable<AbsencesTable>) =>
  db
    .updateTable('absences')
    .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id);

/** Whose absence this is (deleted or not), to lock them before it. */
export async function absenceOwner(db: Kysely<DB>, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('absences')
    .select('practitioner_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.practitioner_id;
}
