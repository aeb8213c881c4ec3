/**
 * The shapes the console reads from the public /v1 API (the fields it uses; `openapi/openapi.json` has them
 * all). Only the console's JSDoc imports these (`@typedef {import('../api-types').Shift} Shift`); they
 * hold no DOM types, so the service's own type check reads this file too.
 *
 * A shape the service states in a module whose imports stay clear of Fastify and Node is imported from it
 * rather than written again. The rest are written here: the TypeBox models import `http/schemas.ts`, which
 * reaches Fastify and, through its types, Node's globals, and the browser check must not see those.
 */

import type { BookingDto } from '../osr/booking-repository.js';
import type { Phase, ShiftPattern } from '../placements/shift-plan.js';

export type Role = string;

/** GET /console/access.json: the permission table of src/http/permissions.ts, as the console needs it. */
export interface AccessDocument {
  roles: { role: Role; label: string; for: string }[];
  operations: Record<string, { roles: Role[]; scope?: string }>;
}

export interface Me {
  keyId: string;
  name: string;
  role: Role;
  hubs: string[] | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Coded {
  code: string;
  name: string;
}

export interface Hub extends Coded {
  weeklyCaseCap: number;
}

export interface Contract {
  maxHoursPer7Days: number;
  minRestHours: number;
  maxConsecutiveNights: number;
  maxConsecutiveDays: number;
  hoursPerWeek: number | null;
  minConsecutiveDaysOff: number;
  maxWeekendsIn4Weeks: number | null;
}

export type Gender = 'female' | 'male' | 'other';

export interface Practitioner {
  id: string;
  name: string;
  kind: 'parenting' | 'zero_nineteen';
  grade: string | null;
  homeRegion: string;
  regions: string[];
  hub: string | null;
  specialisms: string[];
  gender: Gender | null;
  contract: Contract;
  version: number;
  archivedAt?: string | null;
}

export type { Phase };
export type PhaseShift = ShiftPattern;

export interface Placement {
  id: string;
  caseReference: string;
  region: string;
  startDate: string;
  endDate: string;
  reviewDate: string;
  requiredSpecialisms: string[];
  genderRequirement: Gender | null;
  excludedPractitioners: string[];
  practitionersPerShift: number;
  phases: Phase[];
  version: number;
}

export type ReviewDecision = 'continue' | 'step_down' | 'extend' | 'end';

export interface Review {
  id: string;
  heldOn: string;
  decision: ReviewDecision;
  note: string | null;
  nextReviewDate: string | null;
  endDate: string;
}

export interface ShiftAssignment {
  practitionerId: string;
  name: string;
  source: string;
  pinned: boolean;
  start: string;
  end: string;
}

export interface Shift {
  id: string;
  placementId: string;
  caseReference: string;
  region: string;
  localDate: string;
  start: string;
  end: string;
  type: 'early' | 'day' | 'late' | 'night';
  required: number;
  locked: boolean;
  assignments: ShiftAssignment[];
  uncoveredBy: { practitionerId: string; name: string; from: string; reason: string | null }[];
  status: 'covered' | 'unfilled' | 'uncovered';
}

export interface ShiftChanges {
  created: number;
  updated: number;
  removed: number;
  keptLocked: number;
}

export interface Candidate {
  practitionerId: string;
  name: string;
  allowed: boolean;
  breaks: string[];
  warnings: string[];
  oneRuleAway?: string | null;
}

export interface Score {
  hard: number;
  medium: number;
  soft: number;
}

/** One line of grouped causes: a family, one cause, and the smallest fixes (run and cover plan alike). */
export interface CauseGroup {
  placementId: string;
  caseReference: string;
  shifts: number;
  shiftIds: string[];
  because: string;
  fixes: Fix[];
}

export interface Fix {
  practitionerId: string;
  name: string;
  change: string;
  shifts: number;
  sentence: string;
}

export type RunStatus = 'queued' | 'solving' | 'completed' | 'failed' | 'cancelled' | 'published';

export interface RunSummary {
  id: string;
  from: string;
  to: string;
  status: RunStatus;
  timeLimitSeconds: number;
  score: Score | null;
  error: string | null;
  createdAt: string;
  publishedAt: string | null;
}

export interface RotaRun extends RunSummary {
  unassigned: { shiftId: string; missing: number; reasons: string[] }[];
  unfilledSummary?: CauseGroup[];
  breakdown: { label: string; level: string; penalty: number; count: number }[];
}

export interface CoverPlan {
  id: string;
  status: 'proposed' | 'accepted' | 'superseded';
  assignments: { shiftId: string; practitionerId: string; name: string }[];
  alternatives: { shiftId: string; candidates: Candidate[] }[];
  uncovered: { shiftId: string; reasons: string[] }[];
  uncoveredSummary?: CauseGroup[];
  changes: { shiftId: string; removed: string[]; added: string[] }[];
  movedOthers: boolean;
  solveMs: number;
}

export interface Absence {
  id: string;
  practitionerId: string;
  kind: string;
  start: string;
  end: string | null;
  note: string | null;
  uncoveredShifts?: Shift[];
}

export interface Standby {
  region: string;
  date: string;
  practitionerId: string;
  name: string;
}

/** A booking as the API returns it: the service's own, less the key that made it (the API leaves it out). */
export type Booking = Omit<BookingDto, 'createdByKey'>;
export type BookingKind = Booking['kind'];

export interface Intervention {
  id: string;
  bookingId: string;
  hub: string;
  week: string;
  caseReference: string;
  practitionerId: string;
  /** Present once the service names the practitioner itself. */
  practitionerName?: string;
  reassignmentReason: string | null;
  sessions: number;
  extraSessions: number;
  totalSessions: number;
  extensionReason: string | null;
  startedOn: string;
  /** Present once interventions can be closed. */
  status?: 'open' | 'closed';
  outcome?: string | null;
  closedOn?: string | null;
  version: number;
}

export interface LeadResponderAlert {
  message: string;
  proposal: { proposed: { practitionerId: string; name: string } | null; message: string } | null;
  affected: {
    bookings: { caseReference: string; scheduledAt: string | null }[];
    interventions: { caseReference: string; startedOn: string }[];
  };
}

export interface HubWeek {
  hub: string;
  hubName: string;
  week: string;
  monday: string;
  leadResponder: {
    practitionerId: string;
    name: string;
    grade: string;
    source: string;
    reason: string | null;
    issued: boolean;
  } | null;
  unfilledReasons: string[];
  weeklyCaseCap: number;
  casesBooked: number;
  casesRemaining: number;
  refusedRequests: number;
  interventionsStarted: number;
  datTeam: { code: string; name: string; dutyWeek: string } | null;
  alerts: LeadResponderAlert[];
}

export interface OsrAssignment {
  hub: string;
  week: string;
  practitionerId: string;
  name: string;
  grade: string;
  source: string;
  issued: boolean;
}

export interface OsrRota {
  fromWeek: string;
  toWeek: string;
  assignments: OsrAssignment[];
  unfilled: { hub: string; week: string; reasons: string[] }[];
}

export interface DatDutyWeek {
  dutyWeek: string;
  datTeam: string;
  datTeamName: string;
  osrWeek: string;
}

export interface ReviewFigures {
  fromWeek: string;
  toWeek: string;
  /** Each hub-week's figures, as GET /v1/osr/hubs/:hub/weeks/:week gives them. */
  items: Pick<
    HubWeek,
    'hub' | 'week' | 'weeklyCaseCap' | 'casesBooked' | 'refusedRequests' | 'interventionsStarted'
  >[];
  /** Per hub and calendar month: closures by outcome, time open, feedback, cases against the cap. */
  months: ReviewMonth[];
}

export interface ReviewMonth {
  hub: string;
  hubName: string;
  month: string;
  closed: Record<string, number>;
  closedTotal: number;
  medianDaysOpen: number | null;
  transferredToStatutoryShare: number | null;
  meanFeedback: number | null;
  feedbackCount: number;
  casesBooked: number;
  caseCapacity: number;
  refusedRequests: number;
  interventionsStarted: number;
}

export interface HoursRow {
  name: string;
  week: string;
  hours: number;
  contractedHoursPerWeek: number | null;
  maxHoursPer7Days: number;
  shifts: number;
  nights: number;
}
