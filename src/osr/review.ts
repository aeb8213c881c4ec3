import { DateTime } from 'luxon';
import type { InterventionOutcome } from '../db/schema.js';
import type { MonthFigures, WeekFigures } from './review-schemas.js';

/**
 * The pilot's figures per hub and calendar month. A week counts in the month of its Monday (bookings,
 * refusals, interventions started); a closed intervention counts in the month it closed. Every month the
 * period touches is listed, empty ones too, so a chart's gaps are real gaps.
 */
export interface ClosedIntervention {
  hub: string;
  startedOn: string;
  closedOn: string;
  outcome: InterventionOutcome;
  feedbackScore: number | null;
}

const emptyClosed = (): Record<InterventionOutcome, number> => ({
  completed: 0,
  stepped_down: 0,
  transferred_to_statutory: 0,
  disengaged: 0,
  other: 0,
});

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Calendar days from start to close, counted on local dates (never in milliseconds). */
export const daysOpen = (startedOn: string, closedOn: string): number =>
  DateTime.fromISO(closedOn, { zone: 'utc' }).diff(DateTime.fromISO(startedOn, { zone: 'utc' }), 'days').days;

/** The months from the first date's to the last date's, as YYYY-MM. */
export function monthsBetween(firstDate: string, lastDate: string): string[] {
  const out: string[] = [];
  const last = DateTime.fromISO(lastDate).startOf('month');
  for (let m = DateTime.fromISO(firstDate).startOf('month'); m <= last; m = m.plus({ months: 1 }))
    out.push(m.toFormat('yyyy-MM'));
  return out;
}

export function monthFigures(
  hubs: Map<string, string>,
  months: string[],
  weeks: (WeekFigures & { monday: string })[],
  closed: ClosedIntervention[],
): MonthFigures[] {
  const out: MonthFigures[] = [];
  for (const [hub, hubName] of hubs) {
    for (const month of months) {
      const ws = weeks.filter((w) => w.hub === hub && w.monday.startsWith(month));
      const cs = closed.filter((c) => c.hub === hub && c.closedOn.startsWith(month));
      const byOutcome = emptyClosed();
      for (const c of cs) byOutcome[c.outcome] += 1;
      const scores = cs.flatMap((c) => (c.feedbackScore === null ? [] : [c.feedbackScore]));
      const sum = (f: (w: WeekFigures) => number) => ws.reduce((n, w) => n + f(w), 0);
      out.push({
        hub,
        hubName,
        month,
        closed: byOutcome,
        closedTotal: cs.length,
        medianDaysOpen: median(cs.map((c) => daysOpen(c.startedOn, c.closedOn))),
        transferredToStatutoryShare: cs.length
          ? round2(byOutcome.transferred_to_statutory / cs.length)
          : null,
        meanFeedback: scores.length ? round2(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
        feedbackCount: scores.length,
        casesBooked: sum((w) => w.casesBooked),
        caseCapacity: sum((w) => w.weeklyCaseCap),
        refusedRequests: sum((w) => w.refusedRequests),
        interventionsStarted: sum((w) => w.interventionsStarted),
      });
    }
  }
  return out;
}
