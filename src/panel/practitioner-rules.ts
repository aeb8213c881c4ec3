import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { missingCodes } from '../reference/repository.js';
import type { CreatePractitionerBody, PractitionerDto } from './practitioner-model.js';
import { practitionerWithRef, type PractitionerValues } from './practitioner-repository.js';

const DEFAULT_CONTRACT = {
  maxHoursPer7Days: 48,
  minRestHours: 11,
  maxConsecutiveNights: 4,
  maxConsecutiveDays: 6,
  hoursPerWeek: null,
  minConsecutiveDaysOff: 1,
  maxWeekendsIn4Weeks: null,
};

/** Merges a create or patch body onto the current values (or the defaults). */
export function mergePractitioner(
  current: PractitionerDto | undefined,
  body: Partial<CreatePractitionerBody>,
): PractitionerValues {
  const homeRegion = body.homeRegion ?? current?.homeRegion ?? '';
  const regions = body.regions ?? current?.regions ?? [];
  return {
    externalRef: body.externalRef !== undefined ? body.externalRef : (current?.externalRef ?? null),
    name: body.name ?? current?.name ?? '',
    kind: body.kind ?? current?.kind ?? 'parenting',
    grade: body.grade !== undefined ? body.grade : (current?.grade ?? null),
    homeRegion,
    // The home region is always a region they work in; adding it saves every client from repeating it.
    regions: [...new Set([homeRegion, ...regions])].sort(),
    hub: body.hub !== undefined ? body.hub : (current?.hub ?? null),
    specialisms: [...new Set(body.specialisms ?? current?.specialisms ?? [])].sort(),
    gender: body.gender !== undefined ? body.gender : (current?.gender ?? null),
    contract: { ...DEFAULT_CONTRACT, ...current?.contract, ...body.contract },
  };
}

/** The rules the schema cannot say, each refused with a message a person can act on. */
export async function checkPractitioner(
  db: Kysely<DB>,
  v: PractitionerValues,
  selfId?: string,
): Promise<void> {
  const errors: { field: string; message: string }[] = [];
  const unknownRegions = await missingCodes(db, 'regions', v.regions);
  if (unknownRegions.length) {
    errors.push({ field: '/body/regions', message: `unknown region code(s): ${unknownRegions.join(', ')}` });
  }
  const unknownSpecialisms = await missingCodes(db, 'specialisms', v.specialisms);
  if (unknownSpecialisms.length) {
    errors.push({
      field: '/body/specialisms',
      message: `unknown specialism code(s): ${unknownSpecialisms.join(', ')}`,
    });
  }
  if (v.kind === 'zero_nineteen') {
    if (!v.grade)
      errors.push({ field: '/body/grade', message: 'is required for a zero_nineteen practitioner' });
    if (!v.hub) errors.push({ field: '/body/hub', message: 'is required for a zero_nineteen practitioner' });
  } else if (v.hub) {
    errors.push({ field: '/body/hub', message: 'only zero_nineteen practitioners belong to a hub' });
  }
  if (v.hub && (await missingCodes(db, 'hubs', [v.hub])).length) {
    errors.push({ field: '/body/hub', message: `unknown hub code: ${v.hub}` });
  }
  const clash = v.externalRef ? await practitionerWithRef(db, v.externalRef, selfId) : undefined;
  if (clash) errors.push({ field: '/body/externalRef', message: `is already used by practitioner ${clash}` });
  if (errors.length) {
    throw problems.unprocessable(errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  }
}
