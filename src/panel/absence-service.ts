import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { applyChange, type ChangeContext } from '../changes/apply-change.js';
import type { DB } from '../db/schema.js';
import { absenceEvent, personOf } from '../events/payloads.js';
import { assertPanelScope, seesAbsenceDetail } from '../http/permissions.js';
import { ifMatch } from '../http/if-match.js';
import { withUncovered } from '../http/uncovered-shifts.js';
import { problems } from '../http/problem.js';
import { localPeriod } from '../time/period.js';
import type { AbsenceDto, CreateAbsenceBody, PatchAbsenceBody } from './absence-model.js';
import type { AbsenceQueryDto } from './absence-schemas.js';
import {
  absenceOwner,
  deleteAbsence,
  findAbsence,
  insertAbsence,
  listAbsences,
  lockAbsenceRow,
  updateAbsence,
} from './absence-repository.js';
import { findPractitioner } from './practitioner-repository.js';
import { absencesFor } from './privacy.js';
import { lockPractitioner } from './practitioner-service.js';

const PRIVATE_KINDS = 'Absence kinds are private to admin, coordinator and cover; list without kind.';

/** A page of absences overlapping local dates from..to (both included), as the caller may see them. */
export async function absencePage(
  db: Kysely<DB>,
  request: FastifyRequest,
  query: AbsenceQueryDto,
  tz: string,
) {
  const { limit = 100, offset = 0, from, to, practitioner, ...by } = query;
  if (by.kind && !seesAbsenceDetail(request, null)) throw problems.forbidden(PRIVATE_KINDS);
  const period = from || to ? localPeriod(from ?? '1900-01-01', to ?? '9999-12-30', tz) : undefined;
  const filter = { from: period?.start, to: period?.end, practitionerId: practitioner, ...by };
  const page = await listAbsences(db, filter, limit, offset);
  return { ...page, items: await absencesFor(db, request, page.items), limit, offset };
}

/** One absence as the caller may see it (its kind and note may read "unavailable"); 404 when there is none. */
export async function oneAbsence(db: Kysely<DB>, request: FastifyRequest, id: string) {
  const absence = await findAbsence(db, id);
  if (!absence) throw problems.notFound('absence', id);
  return (await absencesFor(db, request, [absence]))[0]!;
}

/** Records an absence; the practitioner is taken off the work it rules out, at once. */
export async function recordAbsence(ctx: ChangeContext, practitionerId: string, body: CreateAbsenceBody) {
  const start = new Date(body.start);
  const end = body.end ? new Date(body.end) : null;
  checkEnd(body.kind, start, end);
  const applied = await applyChange(ctx, {
    entity: 'absence',
    action: 'create',
    lock: (trx) => lockPractitioner(trx, practitionerId, ctx.request),
    write: (trx) =>
      insertAbsence(trx, { practitionerId, kind: body.kind, start, end, note: body.note ?? null }),
    entityId: (absence) => absence.id,
    recheck: () => ({ practitionerIds: [practitionerId] }),
    event: async (absence, _before, trx) => ({
      type: 'absence.recorded',
      subjectId: absence.id,
      payload: await absencePayload(trx, absence),
    }),
    etag: (absence) => absence.version,
  });
  return withUncovered(applied);
}

/** A return to work (the end set), or a corrected end or note. */
export async function changeAbsence(ctx: ChangeContext, id: string, body: PatchAbsenceBody) {
  const applied = await applyChange(ctx, {
    entity: 'absence',
    action: 'update',
    ...ifMatch((trx) => lockAbsence(trx, id, ctx.request)),
    write: (trx, before) => {
      const end = body.end !== undefined ? body.end : before.end;
      checkEnd(before.kind, new Date(before.start), end ? new Date(end) : null);
      const note = body.note !== undefined ? body.note : before.note;
      return updateAbsence(trx, id, { end: end ? new Date(end) : null, note });
    },
    entityId: () => id,
    // A longer absence takes the practitioner off the extra shifts too; a shorter one takes nobody off.
    recheck: (absence) => ({ practitionerIds: [absence.practitionerId] }),
    event: async (absence, before, trx) =>
      absence.end && absence.end !== before.end
        ? { type: 'absence.ended', subjectId: id, payload: await absencePayload(trx, absence) }
        : undefined,
    etag: (absence) => absence.version,
  });
  return withUncovered(applied);
}

/** Deletes an absence recorded by mistake. */
export async function removeAbsence(ctx: ChangeContext, id: string): Promise<void> {
  await applyChange(ctx, {
    entity: 'absence',
    action: 'delete',
    ...ifMatch((trx) => lockAbsence(trx, id, ctx.request)),
    write: (trx) => deleteAbsence(trx, id),
    entityId: () => id,
  });
}

/** An absence ends after it starts; only sickness may be open-ended. */
function checkEnd(kind: AbsenceDto['kind'], start: Date, end: Date | null): void {
  if (end && end <= start) {
    throw problems.badRequest(
      `The absence ends (${end.toISOString()}) before or when it starts (${start.toISOString()}).`,
      [{ field: '/body/end', message: 'must be after start' }],
    );
  }
  if (!end && kind !== 'sickness') {
    throw problems.badRequest(`An end is required for ${kind}; only sickness may be open-ended.`, [
      { field: '/body/end', message: 'is required unless kind is sickness' },
    ]);
  }
}

const absencePayload = async (db: Kysely<DB>, absence: AbsenceDto) => ({
  absence: absenceEvent(absence),
  practitioner: await personOf(db, absence.practitionerId),
});

/** The practitioner first (as every write that judges their work does), then the absence. */
async function lockAbsence(trx: Transaction<DB>, id: string, request: FastifyRequest) {
  const owner = await absenceOwner(trx, id);
  const practitioner = owner ? await findPractitioner(trx, owner, true) : undefined;
  const before = await lockAbsenceRow(trx, id);
  if (!before) throw problems.notFound('absence', id);
  // Hub managers change only the absences of their hubs' 0-19 staff.
  if (practitioner) assertPanelScope(request, practitioner);
  return before;
}
