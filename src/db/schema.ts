import type { ColumnType, Generated, Selectable } from 'kysely';

/** Timestamps come back as Date and may be written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ApiKeysTable {
  id: Generated<string>;
  name: string;
  role: string;
  key_hash: string;
  key_prefix: string;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
  /** hub_manager keys: the hubs they may act on. */
  hubs: string[] | null;
}

export interface ReferenceTable {
  code: string;
  name: string;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface HubCaseCapsTable {
  id: Generated<number>;
  hub_code: string;
  /** 'YYYY-MM-DD', the Monday the cap starts applying. */
  from_week_start: string;
  weekly_case_cap: number;
  set_at: UpdatedAt;
}

export interface PractitionersTable {
  id: Generated<string>;
  external_ref: string | null;
  name: string;
  kind: 'parenting' | 'zero_nineteen';
  grade: string | null;
  home_region: string;
  hub: string | null;
  gender: 'female' | 'male' | 'other' | null;
  max_hours_per_7_days: Generated<number>;
  min_rest_hours: Generated<number>;
  max_consecutive_nights: Generated<number>;
  max_consecutive_days: Generated<number>;
  contracted_hours_per_week: number | null;
  /** Least days off in a row between two working days (1: no rule). */
  min_consecutive_days_off: Generated<number>;
  /** Most weekends with work in 4 weeks; null: no limit. */
  max_weekends_in_4_weeks: number | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  archived_at: Timestamp | null;
}

export interface PractitionerRegionsTable {
  practitioner_id: string;
  region_code: string;
}

export interface PractitionerSpecialismsTable {
  practitioner_id: string;
  specialism_code: string;
}

export type AbsenceKind = 'sickness' | 'annual_leave' | 'training' | 'unavailable';

export interface AbsencesTable {
  id: Generated<string>;
  practitioner_id: string;
  kind: AbsenceKind;
  starts_at: Timestamp;
  ends_at: Timestamp | null;
  note: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  deleted_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_key_id: string | null;
  actor_role: string;
  entity: string;
  entity_id: string;
  action: string;
  before: unknown | null;
  after: unknown | null;
  request_id: string | null;
}

export interface DB {
  api_keys: ApiKeysTable;
  regions: ReferenceTable;
  specialisms: ReferenceTable;
  hubs: ReferenceTable;
  hub_case_caps: HubCaseCapsTable;
  practitioners: PractitionersTable;
  practitioner_regions: PractitionerRegionsTable;
  practitioner_specialisms: PractitionerSpecialismsTable;
  absences: AbsencesTable;
  audit_log: AuditLogTable;
  placements: PlacementsTable;
  placement_specialisms: PlacementSpecialismsTable;
  placement_reviews: PlacementReviewsTable;
  practitioner_preferences: PractitionerPreferencesTable;
  placement_exclusions: PlacementExclusionsTable;
  shifts: ShiftsTable;
  shift_assignments: ShiftAssignmentsTable;
  shift_uncoverings: ShiftUncoveringsTable;
  rota_runs: RotaRunsTable;
  standby: StandbyTable;
  cover_plans: CoverPlansTable;
  outbox_events: OutboxEventsTable;
  osr_dat_teams: OsrDatTeamsTable;
  osr_dat_duty_weeks: OsrDatDutyWeeksTable;
  osr_hub_settings: OsrHubSettingsTable;
  osr_lead_responders: OsrLeadRespondersTable;
  osr_hub_weeks: OsrHubWeeksTable;
  osr_case_slots: OsrCaseSlotsTable;
  osr_bookings: OsrBookingsTable;
  osr_refusals: OsrRefusalsTable;
  osr_interventions: OsrInterventionsTable;
  osr_intervention_extensions: OsrInterventionExtensionsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  calendar_links: CalendarLinksTable;
}

export type PractitionerRow = Selectable<PractitionersTable>;
export type AbsenceRow = Selectable<AbsencesTable>;
export type ReferenceRow = Selectable<ReferenceTable>;

export interface PlacementsTable {
  id: Generated<string>;
  case_reference: string;
  external_ref: string | null;
  region: string;
  start_date: string;
  end_date: string;
  review_date: string;
  gender_requirement: 'female' | 'male' | 'other' | null;
  practitioners_per_shift: Generated<number>;
  /** JSON: the phases with their daily shift patterns. */
  phases: ColumnType<unknown, string, string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PractitionerPreferencesTable {
  practitioner_id: string;
  no_nights: Generated<boolean>;
  unavailable_weekdays: Generated<string[]>;
  /** JSON: [{start, end}] instants. */
  wanted: ColumnType<unknown, string | undefined, string>;
  unwanted: ColumnType<unknown, string | undefined, string>;
  preferred_placements: Generated<string[]>;
  version: Generated<number>;
  updated_at: UpdatedAt;
}

export interface PlacementReviewsTable {
  id: Generated<string>;
  placement_id: string;
  held_on: string;
  decision: 'continue' | 'step_down' | 'extend' | 'end';
  note: string | null;
  next_review_date: string | null;
  end_date: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface PlacementSpecialismsTable {
  placement_id: string;
  specialism_code: string;
}

export interface PlacementExclusionsTable {
  placement_id: string;
  practitioner_id: string;
}

export interface ShiftsTable {
  id: Generated<string>;
  placement_id: string;
  local_date: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  required: number;
  night: boolean;
  /** early, day, late or night: the pattern's label, or derived from the local start time. */
  shift_type: 'early' | 'day' | 'late' | 'night';
  locked: Generated<boolean>;
  revision: Generated<number>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ShiftAssignmentsTable {
  shift_id: string;
  practitioner_id: string;
  /** tstzrange text, e.g. '[2026-11-23 08:00+00,2026-11-23 20:00+00)'. */
  period: string;
  source: 'run' | 'manual' | 'cover';
  pinned: Generated<boolean>;
  assigned_at: CreatedAt;
}

export interface ShiftUncoveringsTable {
  id: Generated<string>;
  shift_id: string;
  practitioner_id: string;
  absence_id: string | null;
  /** The hard rule that took them off ('absence', 'exclusion', 'region', 'panel', ...). */
  rule: ColumnType<string, string | undefined, string>;
  /** Why, in words a coordinator reads. */
  reason: string | null;
  /** From when the shift is short: the shift's start, or the instant the person stopped working it. */
  from_at: Timestamp | null;
  uncovered_at: CreatedAt;
  resolved_at: Timestamp | null;
}

export interface StandbyTable {
  region: string;
  local_date: string;
  practitioner_id: string;
  created_at: CreatedAt;
}

export interface CoverPlansTable {
  id: Generated<string>;
  absence_id: string | null;
  /** What the plan covers when it is not an absence's shifts: {shiftIds} or {from, to}. */
  target: ColumnType<unknown, string | null | undefined, string | null>;
  status: Generated<'proposed' | 'accepted' | 'superseded'>;
  plan: ColumnType<unknown, string, string>;
  shift_revisions: ColumnType<unknown, string, string>;
  created_by: string | null;
  created_at: CreatedAt;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
}

export interface OutboxEventsTable {
  id: Generated<number>;
  type: string;
  subject_id: string;
  payload: ColumnType<unknown, string, string>;
  created_at: CreatedAt;
}

export type RotaRunStatus = 'queued' | 'solving' | 'completed' | 'failed' | 'cancelled' | 'published';

export interface RotaRunsTable {
  id: Generated<string>;
  from_date: string;
  to_date: string;
  status: Generated<RotaRunStatus>;
  time_limit_seconds: number;
  seed: Generated<number>;
  base_revision: number | null;
  score_hard: number | null;
  score_medium: number | null;
  score_soft: number | null;
  progress: ColumnType<unknown, string | undefined, string>;
  result: ColumnType<unknown, string | null | undefined, string | null>;
  error: string | null;
  cancel_requested: Generated<boolean>;
  worker_id: string | null;
  heartbeat_at: Timestamp | null;
  attempts: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  published_at: Timestamp | null;
}

/** The OSR lead-responder rota (migration 20261123_003_osr and later). */
export type GradeMix = 'alternate' | 'share';
export type BookingKind = 'joint_visit' | 'virtual_visit' | 'consultation';
export type InterventionOutcome =
  'completed' | 'stepped_down' | 'transferred_to_statutory' | 'disengaged' | 'other';
export type ReassignmentReason = 'gender' | 'specialism' | 'workload' | 'annual_leave';
export interface OsrDatTeamsTable {
  code: string;
  name: string;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface OsrDatDutyWeeksTable {
  duty_week_start: string;
  dat_team: string;
  set_at: UpdatedAt;
}

export interface OsrHubSettingsTable {
  hub_code: string;
  grade_mix: GradeMix;
  h_share: number | null;
  version: Generated<number>;
  updated_at: UpdatedAt;
}

export interface OsrLeadRespondersTable {
  hub_code: string;
  week_start: string;
  practitioner_id: string | null;
  grade: string | null;
  source: 'generated' | 'override';
  reason: string | null;
  unfilled_reasons: ColumnType<unknown, string | null, string | null>;
  issued_at: Timestamp | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface OsrHubWeeksTable {
  hub_code: string;
  week_start: string;
  cases_booked: Generated<number>;
}

export interface OsrCaseSlotsTable {
  hub_code: string;
  week_start: string;
  case_reference: string;
  active_bookings: number;
}

export interface OsrBookingsTable {
  id: Generated<string>;
  hub_code: string;
  week_start: string;
  case_reference: string;
  kind: BookingKind;
  practitioner_id: string;
  social_worker: string;
  created_by_key: string | null;
  scheduled_at: Timestamp | null;
  visit_ends_at: Timestamp | null;
  status: Generated<'active' | 'cancelled'>;
  cancelled_at: Timestamp | null;
  cancel_reason: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface OsrRefusalsTable {
  id: Generated<string>;
  hub_code: string;
  week_start: string;
  case_reference: string;
  kind: string;
  social_worker: string;
  weekly_case_cap: number;
  refused_at: CreatedAt;
}

export interface OsrInterventionsTable {
  id: Generated<string>;
  booking_id: string;
  hub_code: string;
  week_start: string;
  case_reference: string;
  visit_practitioner_id: string;
  practitioner_id: string;
  reassignment_reason: ReassignmentReason | null;
  reassignment_note: string | null;
  sessions: number;
  extra_sessions: Generated<number>;
  extension_reason: string | null;
  extended_at: Timestamp | null;
  started_on: string;
  closed_on: string | null;
  outcome: InterventionOutcome | null;
  sessions_delivered: number | null;
  feedback_score: number | null;
  feedback_comment: string | null;
  closed_at: Timestamp | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface OsrInterventionExtensionsTable {
  id: Generated<string>;
  intervention_id: string;
  sessions: number;
  reason: string;
  extended_at: CreatedAt;
}

export interface WebhooksTable {
  id: Generated<string>;
  url: string;
  events: string[];
  description: string | null;
  /** whsec_...: signs deliveries; never logged, shown once. */
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Timestamp | null;
  paused_at: Timestamp | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  webhook_id: string;
  event_id: number;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_attempt_at: Timestamp | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Timestamp | null;
  replay_of: string | null;
  created_at: CreatedAt;
}

export interface CalendarLinksTable {
  id: Generated<string>;
  kind: 'practitioner' | 'osr';
  practitioner_id: string | null;
  hub_code: string | null;
  /** SHA-256 (hex) of the secret token in the URL; the token itself is never stored. */
  token_hash: string;
  created_by_key: string | null;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
}
