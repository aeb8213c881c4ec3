import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { DB } from '../db/schema.js';
import { seesAbsenceDetail, seesWholePanel } from '../http/permissions.js';
import type { AbsenceDto } from './absence-model.js';
import { Practitioner, type PractitionerDto } from './practitioner-model.js';
import { zeroNineteenHubs } from './practitioner-repository.js';

/**
 * Privacy by field. Who may see which field is decided in the permission table's helpers; this file applies
 * it to practitioners and absences as they leave the API.
 */

/** What social workers and viewers see of a practitioner. */
export const PUBLIC_PRACTITIONER_FIELDS = ['id', 'name', 'hub', 'grade', 'specialisms', 'gender'] as const;

/** A practitioner as a caller may see it: the public fields always, the rest only for staff. */
export const PractitionerView = Type.Object(
  {
    ...Type.Pick(Practitioner, PUBLIC_PRACTITIONER_FIELDS).properties,
    ...Type.Partial(Type.Omit(Practitioner, PUBLIC_PRACTITIONER_FIELDS)).properties,
  },
  {
    description:
      'Social workers and viewers see only id, name, hub, grade, specialisms and gender; staff see every field.',
    examples: (Practitioner as { examples?: unknown[] }).examples ?? [],
  },
);

export function practitionerFor(
  request: FastifyRequest,
  p: PractitionerDto,
): PractitionerDto | Pick<PractitionerDto, (typeof PUBLIC_PRACTITIONER_FIELDS)[number]> {
  if (seesWholePanel(request)) return p;
  return { id: p.id, name: p.name, hub: p.hub, grade: p.grade, specialisms: p.specialisms, gender: p.gender };
}

/** An absence whose kind and note the caller may not see reads "unavailable", without its note. */
export async function absencesFor<T extends AbsenceDto>(
  db: Kysely<DB>,
  request: FastifyRequest,
  absences: T[],
): Promise<T[]> {
  if (absences.length === 0 || seesAbsenceDetail(request, null)) return absences;
  const ids = [...new Set(absences.map((a) => a.practitionerId))];
  const hubOf = await zeroNineteenHubs(db, ids);
  return absences.map((a) =>
    seesAbsenceDetail(request, hubOf.get(a.practitionerId) ?? null)
      ? a
      : { ...a, kind: 'unavailable' as const, note: null },
  );
}
