import { OUTCOMES } from '../intervention-model.js';
import type { Review } from '../review-schemas.js';
import { csvFile } from './csv.js';

const HEADER = [
  'hub,hub_name,month',
  ...OUTCOMES.map((o) => `closed_${o}`),
  'closed_total,median_days_open,transferred_to_statutory_share,mean_feedback,feedback_count',
  'cases_booked,case_capacity,refused_requests,interventions_started',
].join(',');

/** One row per hub and month; empty cells where a figure has nothing to stand on (no closures). */
export function reviewCsv(review: Review): string {
  return csvFile(
    HEADER,
    review.months.map((m) => [
      ...[m.hub, m.hubName, m.month, ...OUTCOMES.map((o) => m.closed[o]), m.closedTotal],
      ...[m.medianDaysOpen, m.transferredToStatutoryShare, m.meanFeedback, m.feedbackCount],
      ...[m.casesBooked, m.caseCapacity, m.refusedRequests, m.interventionsStarted],
    ]),
  );
}
