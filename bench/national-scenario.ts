import { DateTime } from 'luxon';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { generateProblem } from '../src/scheduler/testing/generate.js';
import { insertReference } from '../src/reference/repository.js';
import { insertPractitioner } from '../src/panel/practitioner-repository.js';
import { insertAbsence } from '../src/panel/absence-repository.js';
import { insertPlacement } from '../src/placements/repository.js';
import { mergePlacement } from '../src/placements/rules.js';
import { syncShifts } from '../src/placements/shift-sync.js';

export interface Scenario {
  from: string;
  to: string;
  placements: number;
  practitioners: number;
}

/**
 * The national scenario, written into the database through the same repositories as the API: the
 * scheduler's seeded generator gives the panel and placements (60 placements over 9 regions, 360
 * practitioners, leave, specialism and gender needs), placed on four weeks from a Monday.
 */
export async function seedNationalScenario(
  db: Kysely<DB>,
  options: {
    seed: number;
    from: string;
    weeks: number;
    people: number;
    placements: number;
    timezone: string;
  },
): Promise<Scenario> {
  const generated = generateProblem({
    seed: options.seed,
    people: options.people,
    locations: options.placements,
    weeks: options.weeks,
  });
  const t0 = Math.min(...generated.demands.map((d) => d.start)) - 8 * 60;
  const first = DateTime.fromISO(options.from, { zone: options.timezone });
  const dateOf = (minutes: number) => first.plus({ days: Math.floor((minutes - t0) / 1440) });
  const to = first.plus({ days: options.weeks * 7 - 1 }).toISODate()!;

  const regions = new Set(generated.resources.flatMap((r) => r.regions ?? []));
  for (const d of generated.demands) regions.add(d.region);
  const skills = new Set([
    ...generated.resources.flatMap((r) => r.skills ?? []),
    ...generated.demands.flatMap((d) => d.requiredSkills ?? []),
  ]);
  for (const code of regions) await insertReference(db, 'regions', code, code);
  for (const code of skills) await insertReference(db, 'specialisms', code, code);

  const idOf = new Map<string, string>();
  for (const r of generated.resources) {
    const p = await insertPractitioner(db, {
      externalRef: r.id,
      name: r.name ?? r.id,
      kind: 'parenting',
      grade: null,
      homeRegion: r.homeRegion!,
      regions: [...(r.regions ?? [])],
      hub: null,
      specialisms: [...(r.skills ?? [])],
      gender: (r.gender as 'female' | 'male') ?? null,
      contract: {
        maxHoursPer7Days: (r.contract?.maxMinutesPer7Days ?? 48 * 60) / 60,
        minRestHours: 11,
        maxConsecutiveNights: 4,
        maxConsecutiveDays: 6,
        hoursPerWeek: 37.5,
        minConsecutiveDaysOff: 1,
        maxWeekendsIn4Weeks: null,
      },
    });
    idOf.set(r.id, p.id);
    for (const u of r.unavailable ?? []) {
      await insertAbsence(db, {
        practitionerId: p.id,
        kind: u.kind,
        start: dateOf(u.start).toJSDate(),
        end: dateOf(u.end).toJSDate(),
        note: 'bench',
      });
    }
  }

  const locations = new Map<string, (typeof generated.demands)[number]>();
  for (const d of generated.demands) if (!locations.has(d.location)) locations.set(d.location, d);
  for (const [location, d] of locations) {
    const values = mergePlacement(undefined, {
      caseReference: location.toUpperCase(),
      region: d.region,
      startDate: options.from,
      endDate: to,
      requiredSpecialisms: [...(d.requiredSkills ?? [])],
      genderRequirement: (d.gender as 'female') ?? null,
      excludedPractitioners: (d.excluded ?? []).map((x) => idOf.get(x)!).filter(Boolean),
    });
    const placement = await insertPlacement(db, values);
    await syncShifts(db, placement, options.timezone, null);
  }
  return { from: options.from, to, placements: locations.size, practitioners: generated.resources.length };
}
