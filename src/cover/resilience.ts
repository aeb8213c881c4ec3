import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../db/schema.js';
import { rankCandidatesMany, type Assignments, type CandidateReport } from '../scheduler/index.js';
import { loadRotaProblem, toMinutes, wordsIn } from '../rota/problem.js';
import { ruledOut } from '../rota/reasons.js';

export interface AtRisk {
  shiftId: string;
  practitionerId: string;
  name: string;
  label: string;
  region: string;
  start: string;
  end: string;
  /** Why nobody else could take it, by rule, with how many practitioners each rule rules out. */
  reasons: string[];
}

export interface Resilience {
  shiftsChecked: number;
  atRisk: AtRisk[];
  byRegion: { region: string; shifts: number; atRisk: number }[];
}

/** One staffed shift's answer: who, if they fell sick, nobody else could replace (empty: it is safe). */
export interface ShiftResilience {
  shiftId: string;
  region: string;
  /** Minutes since the epoch, for the read-time "not started yet" filter. */
  startMinute: number;
  /** How many people were checked (one per person on the shift). */
  people: number;
  atRisk: AtRisk[];
}

/**
 * For every staffed shift of the period: if its practitioner fell sick, could anyone else take it without
 * breaking a rule, given the rest of the rota as it stands? Independent of the time of asking (the caller
 * drops shifts that have started), so it can be kept and reused until the facts change.
 */
export async function resilienceByShift(
  db: Kysely<DB>,
  from: string,
  to: string,
  timezone: string,
): Promise<ShiftResilience[]> {
  const first = DateTime.fromISO(from, { zone: timezone });
  const last = DateTime.fromISO(to, { zone: timezone });
  const loaded = await loadRotaProblem(db, {
    from: first.minus({ days: 7 }).toISODate()!,
    to: last.plus({ days: 7 }).toISODate()!,
    timezone,
    now: first.toJSDate(),
  });
  const { problem } = loaded;
  const assignments: Assignments = Object.fromEntries(
    problem.demands.map((d) => [d.id, [...(d.published ?? [])]]),
  );
  const names = new Map(problem.resources.map((r) => [r.id, r.name ?? r.id]));
  const startMin = toMinutes(first.toJSDate());
  const endMin = toMinutes(last.plus({ days: 1 }).toJSDate());
  const inPeriod = problem.demands.filter((d) => d.start >= startMin && d.start < endMin);
  // One compiled state per round; a round asks each shift once, so a shift of two people takes two.
  const results = new Map<string, Map<string, CandidateReport[]>>();
  const rounds = Math.max(0, ...inPeriod.map((d) => (assignments[d.id] ?? []).length));
  for (let k = 0; k < rounds; k++) {
    const round = inPeriod
      .filter((d) => (assignments[d.id] ?? []).length > k)
      .map((d) => ({ demandId: d.id, replacing: assignments[d.id]![k]! }));
    const ranked = rankCandidatesMany(problem, assignments, round, {
      ...wordsIn(timezone, loaded.firstDate),
      stopAtAllowed: true,
    });
    for (const r of round)
      results.set(
        r.demandId,
        (results.get(r.demandId) ?? new Map()).set(r.replacing, ranked.get(r.demandId)!),
      );
  }
  return inPeriod.map((d) => ({
    shiftId: d.id,
    region: d.region,
    startMinute: d.start,
    people: (assignments[d.id] ?? []).length,
    atRisk: (assignments[d.id] ?? []).flatMap((p) => {
      const candidates = results.get(d.id)!.get(p)!;
      if (candidates.some((c) => c.allowed)) return [];
      return [
        {
          shiftId: d.id,
          practitionerId: p,
          name: names.get(p) ?? p,
          label: d.label ?? d.id,
          region: d.region,
          start: new Date(d.start * 60_000).toISOString(),
          end: new Date(d.end * 60_000).toISOString(),
          reasons: ruledOut(candidates),
        },
      ];
    }),
  }));
}

/** The shifts not yet started, at risk and counted by region. */
export function summariseResilience(shifts: readonly ShiftResilience[], now: Date): Resilience {
  const nowMin = toMinutes(now);
  const regions = new Map<string, { shifts: number; atRisk: number }>();
  const atRisk: AtRisk[] = [];
  let checked = 0;
  for (const s of shifts) {
    if (s.startMinute < nowMin) continue;
    const region = regions.get(s.region) ?? { shifts: 0, atRisk: 0 };
    regions.set(s.region, region);
    region.shifts++;
    checked += s.people;
    if (s.atRisk.length > 0) region.atRisk++;
    atRisk.push(...s.atRisk);
  }
  return {
    shiftsChecked: checked,
    atRisk,
    byRegion: [...regions.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([region, v]) => ({ region, ...v })),
  };
}

export async function resilience(
  db: Kysely<DB>,
  from: string,
  to: string,
  timezone: string,
  now: Date,
): Promise<Resilience> {
  return summariseResilience(await resilienceByShift(db, from, to, timezone), now);
}
