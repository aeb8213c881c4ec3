import { Type } from 'typebox';
import { LocalDate } from './schemas.js';

/**
 * The longest period (in days, both ends included) each period parameter takes: beyond it, 400. They keep
 * every request's work bounded; a client that needs more asks period by period.
 */
export const MAX_SPAN_DAYS = {
  /** GET /v1/shifts, /v1/shifts.csv, /v1/hours, /v1/standby, /v1/rule-breaks */
  shifts: 93,
  /** GET /v1/practitioners/{id}/rota.ics */
  calendar: 400,
  /** POST /v1/standby/suggestions, GET /v1/resilience */
  cover: 31,
  /** POST /v1/rota-runs, POST /v1/cover-plans {from, to} */
  rotaRun: 62,
  /** GET /v1/audit */
  audit: 400,
} as const;

/** The `to` of a period, documented with its maximum span. */
export const PeriodEnd = (maxDays: number) =>
  Type.String({
    ...LocalDate,
    description: `Last local date, included; at most ${maxDays} days from \`from\` (400 beyond)`,
  });
