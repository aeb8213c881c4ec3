import type { Assignments, Contract, Problem } from '../../src/scheduler/index.js';
import { DEFAULT_CONTRACT } from '../../src/scheduler/index.js';

const WEEK = 7 * 1440;

interface Work {
  id: string;
  start: number;
  end: number;
  day: number;
  night: boolean;
  type?: string | undefined;
}

/**
 * An independent, deliberately naive checker of every hard rule, written from the rules' wording and
 * not from the scheduler's code, to hold the solver to what it claims.
 */
export function hardViolations(problem: Problem, assignments: Assignments): string[] {
  const out: string[] = [];
  const H = problem.horizonDays ?? Math.max(...problem.demands.map((d) => d.day)) + 1;
  for (const person of problem.resources) {
    const contract: Contract = { ...DEFAULT_CONTRACT, ...(person.contract ?? {}) };
    const mine = problem.demands.filter((d) => (assignments[d.id] ?? []).includes(person.id));
    for (const d of mine) {
      if ((assignments[d.id] ?? []).filter((id) => id === person.id).length > 1)
        out.push(`${person.id} twice on ${d.id}`);
      for (const a of person.unavailable ?? [])
        if (a.start < d.end && d.start < a.end) out.push(`${person.id} absent during ${d.id}`);
      if (!(person.regions ?? []).includes(d.region)) out.push(`${person.id} outside regions on ${d.id}`);
      for (const s of d.requiredSkills ?? [])
        if (!(person.skills ?? []).includes(s)) out.push(`${person.id} lacks ${s} for ${d.id}`);
      if (d.gender !== undefined && d.gender !== person.gender)
        out.push(`${person.id} wrong gender for ${d.id}`);
      if ((d.excluded ?? []).includes(person.id)) out.push(`${person.id} excluded from ${d.id}`);
    }
    for (const cap of person.caps ?? []) {
      const byPeriod = new Map<string, number>();
      for (const d of mine)
        if ((d.tags ?? []).includes(cap.tag))
          byPeriod.set(
            String(d.period ?? Math.floor(d.day / 7)),
            (byPeriod.get(String(d.period ?? Math.floor(d.day / 7))) ?? 0) + 1,
          );
      for (const n of byPeriod.values()) if (n > cap.max) out.push(`${person.id} over cap ${cap.tag}`);
    }
    const work: Work[] = [
      ...mine.map((d) => ({
        id: d.id,
        start: d.start,
        end: d.end,
        day: d.day,
        night: d.night ?? false,
        type: d.shiftType,
      })),
      ...(person.history?.priorWork ?? []).map((p, i) => ({
        id: `prior${i}`,
        start: p.start,
        end: p.end,
        day: p.day,
        night: p.night ?? false,
        type: p.shiftType,
      })),
    ].sort((a, b) => a.start - b.start);
    for (let i = 0; i < work.length; i++)
      for (let j = 0; j < work.length; j++) {
        const a = work[i]!;
        const b = work[j]!;
        if (i !== j && a.start < b.end && b.start < a.end) out.push(`${person.id} overlap ${a.id} ${b.id}`);
        if (
          i !== j &&
          b.start >= a.start &&
          b.start < a.end + contract.minRestMinutes &&
          a.start !== b.start
        ) {
          if (b.start >= a.end) out.push(`${person.id} rest ${a.id} ${b.id}`);
        }
      }
    for (const a of work) {
      const total = work
        .filter((b) => b.start >= a.start && b.start < a.start + WEEK)
        .reduce((s, b) => s + b.end - b.start, 0);
      if (total > contract.maxMinutesPer7Days) out.push(`${person.id} over 7-day hours from ${a.id}`);
    }
    const days = new Set(work.map((w) => w.day));
    const nights = new Set(work.filter((w) => w.night).map((w) => w.day));
    for (const d of days) {
      let run = 0;
      while (days.has(d + run)) run++;
      if (run > contract.maxConsecutiveDays) out.push(`${person.id} ${run} days in a row from ${d}`);
    }
    for (const d of nights) {
      let run = 0;
      while (nights.has(d + run)) run++;
      if (run > contract.maxConsecutiveNights) out.push(`${person.id} ${run} nights in a row from ${d}`);
    }
    for (const [type, max] of Object.entries(contract.maxShiftsByType ?? {}))
      if (mine.filter((d) => d.shiftType === type).length > max) out.push(`${person.id} over ${type} cap`);
    const total = mine.reduce((s, d) => s + d.end - d.start, 0);
    if (contract.minTotalMinutes !== undefined && total < contract.minTotalMinutes)
      out.push(`${person.id} under total minutes`);
    if (contract.maxTotalMinutes !== undefined && total > contract.maxTotalMinutes)
      out.push(`${person.id} over total minutes`);
    // A run of work (or of days off) cut by the horizon's first or last day is exempt from minimums.
    for (const d of days) {
      if (days.has(d - 1) || d <= 0) continue;
      let to = d;
      while (days.has(to + 1)) to++;
      if (to < H - 1 && to - d + 1 < (contract.minConsecutiveDays ?? 1))
        out.push(`${person.id} short run of work from ${d}`);
    }
    for (let d = 1; d < H - 1; d++) {
      if (days.has(d) || !days.has(d - 1)) continue;
      let to = d;
      while (to < H && !days.has(to)) to++;
      if (to < H && to - d < (contract.minConsecutiveDaysOff ?? 1))
        out.push(`${person.id} short rest from ${d}`);
    }
    const weekends = new Set(mine.filter((d) => d.weekend).map((d) => Math.floor(d.day / 7)));
    const window = contract.weekendWindowWeeks;
    if (contract.maxWeekends !== undefined && window === undefined && weekends.size > contract.maxWeekends)
      out.push(`${person.id} too many weekends`);
    if (contract.maxWeekends !== undefined && window !== undefined) {
      // Any `window` weeks running that hold a weekend of the horizon, the weeks worked before counted.
      const all = new Set([...weekends, ...(person.history?.weekendsBefore ?? [])]);
      for (const w of weekends) {
        for (let from = w - window + 1; from <= w; from++) {
          let n = 0;
          for (let k = from; k < from + window; k++) if (all.has(k)) n++;
          if (n > contract.maxWeekends)
            out.push(`${person.id} ${n} weekends in ${window} weeks from week ${from}`);
        }
      }
    }
    for (const a of work)
      for (const b of work)
        if (
          b.day === a.day + 1 &&
          (problem.forbiddenSuccessions ?? []).some((f) => f.first === a.type && f.next === b.type)
        )
          out.push(`${person.id} ${b.type} after ${a.type}`);
    if (contract.daysOff === 'none') continue;
    const touched = new Set([...days, ...[...nights].map((d) => d + 1)]);
    const length = contract.daysOff === 'two-in-14' ? 14 : 7;
    const need = contract.daysOff === 'two-in-14' ? 2 : 1;
    const from = Math.min(0, ...touched);
    for (let w = from; w + length <= H; w++) {
      let worked = 0;
      for (let k = w; k < w + length; k++) if (touched.has(k)) worked++;
      if (length - worked < need) out.push(`${person.id} too few days off from day ${w}`);
    }
  }
  return out;
}
