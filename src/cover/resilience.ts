import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../db/schema.js';
import { rankCandidatesMany, type Assignments, type CandidateReport } from '../scheduler/index.js';
import { formatLocal, loadRotaProblem, toMinutes } from '../rota/problem.js';

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

/**
 * For every staffed shift of the period that has not started: if its practitioner fell sick, could
 * anyone else take it without breaking a rule, given the rest of the rota as it stands?
 */
export async function resilience(
  db: Kysely<DB>,
  from: string,
  to: string,
  timezone: string,
  now: Date,
): Promise<Resilience> {
  const first = DateTime.fromISO(from, { zone: timezone });
  const last = DateTime.fromISO(to, { zone: timezone });
  const loaded = await loadRotaProblem(db, {
    from: first.minus({ days: 7 }).toISODate()!,
    to: last.plus({ days: 7 }).toISODate()!,
    timezone,
    now,
  });
  const { problem } = loaded;
  const assignments: Assignments = Object.fromEntries(
    problem.demands.map((d) => [d.id, [...(d.published ?? [])]]),
  );
  const names = new Map(problem.resources.map((r) => [r.id, r.name ?? r.id]));
  const startMin = toMinutes(first.toJSDate());
  const endMin = toMinutes(last.plus({ days: 1 }).toJSDate());
  const nowMin = toMinutes(now);
  const fmt = formatLocal(timezone);
  const atRisk: AtRisk[] = [];
  const regions = new Map<string, { shifts: number; atRisk: number }>();
  const inPeriod = problem.demands.filter(
    (d) => d.start >= startMin && d.start < endMin && d.start >= nowMin,
  );
  // One compiled state per round; a round asks each shift once, so a shift of two people takes two.
  const results = new Map<string, Map<string, CandidateReport[]>>();
  const rounds = Math.max(0, ...inPeriod.map((d) => (assignments[d.id] ?? []).length));
  for (let k = 0; k < rounds; k++) {
    const round = inPeriod
      .filter((d) => (assignments[d.id] ?? []).length > k)
      .map((d) => ({ demandId: d.id, replacing: assignments[d.id]![k]! }));
    const ranked = rankCandidatesMany(problem, assignments, round, { formatInstant: fmt });
    for (const r of round)
      results.set(
        r.demandId,
        (results.get(r.demandId) ?? new Map()).set(r.replacing, ranked.get(r.demandId)!),
      );
  }
  for (const d of inPeriod) {
    const region = regions.get(d.region) ?? { shifts: 0, atRisk: 0 };
    regions.set(d.region, region);
    region.shifts++;
    let risky = false;
    for (const p of assignments[d.id] ?? []) {
      const candidates = results.get(d.id)!.get(p)!;
      if (candidates.some((c) => c.allowed)) continue;
      risky = true;
      const byRule = new Map<string, number>();
      for (const c of candidates)
        for (const label of new Set(c.hard.map((h) => h.label)))
          byRule.set(label, (byRule.get(label) ?? 0) + 1);
      atRisk.push({
        shiftId: d.id,
        practitionerId: p,
        name: names.get(p) ?? p,
        label: d.label ?? d.id,
        region: d.region,
        start: new Date(d.start * 60_000).toISOString(),
        end: new Date(d.end * 60_000).toISOString(),
        reasons: [...byRule.entries()]
          .sort((a, b) => b[1] - a[1])
          .map(([label, n]) => `${n} of ${candidates.length}: ${label}`),
      });
    }
    if (risky) region.atRisk++;
  }
  const checked = [...results.values()].reduce((n, m) => n + m.size, 0);
  return {
    shiftsChecked: checked,
    atRisk,
    byRegion: [...regions.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([region, v]) => ({ region, ...v })),
  };
}
