import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { missingCodes } from '../reference/repository.js';
import type { CreatePlacementBody, PlacementDto } from './model.js';
import type { PlacementValues } from './repository.js';
import { checkPhases, defaultPhases, type Phase } from './shift-plan.js';

/** Longest placement we plan shifts for in one go (a year and a bit). */
const MAX_DAYS = 400;

// Phases come back from jsonb with their keys reordered, so they are compared field by field.
const canonical = (phases: readonly Phase[]) =>
  JSON.stringify(
    phases.map((p) => [p.fromDate, p.toDate, p.shifts.map((x) => [x.start, x.end, x.practitioners])]),
  );

export function mergePlacement(
  current: PlacementDto | undefined,
  body: Partial<CreatePlacementBody>,
): PlacementValues {
  const startDate = body.startDate ?? current?.startDate ?? '';
  const endDate = body.endDate ?? current?.endDate ?? '';
  const practitionersPerShift = body.practitionersPerShift ?? current?.practitionersPerShift ?? 1;
  // Default phases follow the dates; phases given explicitly stay as given.
  const datesChanged =
    body.startDate !== undefined || body.endDate !== undefined || body.practitionersPerShift !== undefined;
  const currentIsDefault =
    current &&
    canonical(current.phases) ===
      canonical(defaultPhases(current.startDate, current.endDate, current.practitionersPerShift));
  const phases =
    body.phases ??
    (current && !(datesChanged && currentIsDefault)
      ? current.phases
      : defaultPhases(startDate, endDate, practitionersPerShift));
  return {
    caseReference: body.caseReference ?? current?.caseReference ?? '',
    externalRef: body.externalRef !== undefined ? body.externalRef : (current?.externalRef ?? null),
    region: body.region ?? current?.region ?? '',
    startDate,
    endDate,
    reviewDate:
      body.reviewDate ??
      (body.startDate !== undefined || !current
        ? DateTime.fromISO(startDate).plus({ weeks: 3 }).toISODate()!
        : current.reviewDate),
    requiredSpecialisms: [...new Set(body.requiredSpecialisms ?? current?.requiredSpecialisms ?? [])].sort(),
    genderRequirement:
      body.genderRequirement !== undefined ? body.genderRequirement : (current?.genderRequirement ?? null),
    excludedPractitioners: [
      ...new Set(body.excludedPractitioners ?? current?.excludedPractitioners ?? []),
    ].sort(),
    practitionersPerShift,
    phases,
  };
}

export async function checkPlacement(db: Kysely<DB>, v: PlacementValues, selfId?: string): Promise<void> {
  const errors: { field: string; message: string }[] = [];
  if (v.endDate < v.startDate)
    errors.push({ field: '/body/endDate', message: `is before startDate ${v.startDate}` });
  const days = DateTime.fromISO(v.endDate).diff(DateTime.fromISO(v.startDate), 'days').days;
  if (days > MAX_DAYS)
    errors.push({ field: '/body/endDate', message: `a placement may last at most ${MAX_DAYS} days` });
  if (v.reviewDate < v.startDate)
    errors.push({ field: '/body/reviewDate', message: 'is before the placement starts' });
  errors.push(...checkPhases(v.phases, v.startDate, v.endDate));
  if ((await missingCodes(db, 'regions', [v.region])).length) {
    errors.push({ field: '/body/region', message: `unknown region code: ${v.region}` });
  }
  const unknownSpecialisms = await missingCodes(db, 'specialisms', v.requiredSpecialisms);
  if (unknownSpecialisms.length) {
    errors.push({
      field: '/body/requiredSpecialisms',
      message: `unknown specialism code(s): ${unknownSpecialisms.join(', ')}`,
    });
  }
  if (v.excludedPractitioners.length) {
    const found = await db
      .selectFrom('practitioners')
      .select('id')
      .where('id', 'in', v.excludedPractitioners)
      .execute();
    const have = new Set(found.map((r) => r.id));
    const unknown = v.excludedPractitioners.filter((id) => !have.has(id));
    if (unknown.length)
      errors.push({
        field: '/body/excludedPractitioners',
        message: `unknown practitioner(s): ${unknown.join(', ')}`,
      });
  }
  if (v.externalRef) {
    let byRef = db.selectFrom('placements').select('id').where('external_ref', '=', v.externalRef);
    if (selfId) byRef = byRef.where('id', '!=', selfId);
    const other = await byRef.executeTakeFirst();
    if (other)
      errors.push({ field: '/body/externalRef', message: `is already used by placement ${other.id}` });
  }
  let clash = db.selectFrom('placements').select('id').where('case_reference', '=', v.caseReference);
  if (selfId) clash = clash.where('id', '!=', selfId);
  if (await clash.executeTakeFirst()) {
    errors.push({
      field: '/body/caseReference',
      message: 'already has a placement; extend that one instead',
    });
  }
  if (errors.length)
    throw problems.unprocessable(errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
}
