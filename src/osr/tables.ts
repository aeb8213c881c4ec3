import type { ColumnType, Generated, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** The OSR tables (migration 20261123_003_osr); kept here so the shared schema file stays untouched. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export type GradeMix = 'alternate' | 'share';
export type BookingKind = 'joint_visit' | 'virtual_visit' | 'consultation';
export type ReassignmentReason = 'gender' | 'specialism' | 'workload' | 'annual_leave';

// A type alias (not an interface) so it satisfies Kysely's table-record constraint.
export type OsrTables = {
  osr_dat_teams: {
    code: string;
    name: string;
    version: Generated<number>;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
  osr_dat_duty_weeks: { duty_week_start: string; dat_team: string; set_at: UpdatedAt };
  osr_hub_settings: {
    hub_code: string;
    grade_mix: GradeMix;
    h_share: number | null;
    version: Generated<number>;
    updated_at: UpdatedAt;
  };
  osr_lead_responders: {
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
  };
  osr_hub_weeks: { hub_code: string; week_start: string; cases_booked: Generated<number> };
  osr_case_slots: { hub_code: string; week_start: string; case_reference: string; active_bookings: number };
  osr_bookings: {
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
  };
  osr_refusals: {
    id: Generated<string>;
    hub_code: string;
    week_start: string;
    case_reference: string;
    kind: string;
    social_worker: string;
    weekly_case_cap: number;
    refused_at: CreatedAt;
  };
  osr_interventions: {
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
    version: Generated<number>;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
};

export type OsrDb = Kysely<DB & OsrTables>;

/** The app's database handle seen with the OSR tables too (same connection, wider types). */
export const osrDb = (db: Kysely<DB>): OsrDb => db.withTables<OsrTables>();

/** Audit and other shared helpers take the narrower type; the connection is the same. */
export const asDb = (db: OsrDb): Kysely<DB> => db as unknown as Kysely<DB>;
