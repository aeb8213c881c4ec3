import type { InterventionOutcome } from '../../db/schema.js';
import { OUTCOMES } from '../intervention-model.js';
import type { Review } from '../review-schemas.js';
import { csvCell } from './csv.js';

/** One row per hub and month; empty cells where a figure has nothing to stand on (no closures). */
export function reviewCsv(review: Review): string {
  const header = [
    'hub',
    'hub_name',
    'month',
    ...OUTCOMES.map((o: InterventionOutcome) => `closed_${o}`),
    'closed_total',
    'median_days_open',
    'transferred_to_statutory_share',
    'mean_feedback',
    'feedback_count',
    'cases_booked',
    'case_capacity',
    'refused_requests',
    'interventions_started',
  ];
  const lines = [header.join(',')];
  for (const m of review.months) {
    lines.push(
      [
        m.hub,
        m.hubName,
        m.month,
        ...OUTCOMES.map((o) => m.closed[o]),
        m.closedTotal,
        m.medianDaysOpen,
        m.transferredToStatutoryShare,
        m.meanFeedback,
        m.feedbackCount,
        m.casesBooked,
        m.caseCapacity,
        m.refusedRequests,
        m.interventionsStarted,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
