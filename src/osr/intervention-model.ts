import type { Selectable } from 'kysely';
import { Type } from 'typebox';
import { Code, Instant, IsoWeek, LocalDate, Uuid } from '../http/schemas.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { weekOfMonday } from './weeks.js';

/** Interventions after a visit: the schema, its example and the row-to-DTO mapping. */
export const MAX_SESSIONS = 6;
export const ReassignmentReason = Type.Union(
  [
    Type.Literal('gender'),
    Type.Literal('specialism'),
    Type.Literal('workload'),
    Type.Literal('annual_leave'),
  ],
  { description: 'Why another practitioner is better suited (protocol 4.4)' },
);

export const interventionExample = {
  id: '7c2d9e4f-1a3b-4c5d-8e6f-9a0b1c2d3e4f',
  bookingId: '2b7e4c1a-9f3d-4e8b-a6c5-1d2e3f4a5b6c',
  hub: 'east-hub',
  week: '2026-W48',
  caseReference: 'LCS-204871',
  visitPractitionerId: '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45',
  practitionerId: '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45',
  reassignmentReason: null,
  reassignmentNote: null,
  sessions: 6,
  extraSessions: 0,
  totalSessions: 6,
  extensionReason: null,
  extendedAt: null,
  startedOn: '2026-11-26',
  version: 1,
};
export const Intervention = Type.Object(
  {
    id: Uuid,
    bookingId: Uuid,
    hub: Code,
    week: IsoWeek,
    caseReference: Type.String(),
    visitPractitionerId: Uuid,
    practitionerId: Uuid,
    reassignmentReason: Type.Union([ReassignmentReason, Type.Null()]),
    reassignmentNote: Type.Union([Type.String(), Type.Null()]),
    sessions: Type.Integer(),
    extraSessions: Type.Integer(),
    totalSessions: Type.Integer(),
    extensionReason: Type.Union([Type.String(), Type.Null()]),
    extendedAt: Type.Union([Instant, Type.Null()]),
    startedOn: LocalDate,
    version: Type.Integer(),
  },
  { examples: [interventionExample] },
);

type Row = Selectable<DB['osr_interventions']>;

export const toDto = (r: Row) => ({
  id: r.id,
  bookingId: r.booking_id,
  hub: r.hub_code,
  week: weekOfMonday(r.week_start),
  caseReference: r.case_reference,
  visitPractitionerId: r.visit_practitioner_id,
  practitionerId: r.practitioner_id,
  reassignmentReason: r.reassignment_reason,
  reassignmentNote: r.reassignment_note,
  sessions: r.sessions,
  extraSessions: r.extra_sessions,
  totalSessions: r.sessions + r.extra_sessions,
  extensionReason: r.extension_reason,
  extendedAt: r.extended_at ? r.extended_at.toISOString() : null,
  startedOn: r.started_on,
  version: r.version,
});

export async function findIntervention(db: Kysely<DB>, id: string, forUpdate = false) {
  let q = db.selectFrom('osr_interventions').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? toDto(r) : undefined;
}
