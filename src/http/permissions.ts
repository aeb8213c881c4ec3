import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { problems } from './problem.js';

/**
 * Who may do what: the one permission table. Role names are written here and nowhere else; every /v1
 * route's `config.access` is filled from this table at boot (a /v1 route missing from it, or one that
 * writes its own roles, stops the boot), and each OpenAPI operation lists its roles and scope from it.
 *
 * A role says what kind of action a key may take; a scope narrows it to what the key owns:
 * - a `hub_manager` key names its hubs (`api_keys.hubs`): every hub-bound action checks the hub;
 * - a `social_worker` key is one person or team: it sees and cancels the bookings it made.
 * Scope checks are the small helpers at the end of this file, called by the handlers.
 */
export const Role = Type.Union([
  Type.Literal('admin'),
  Type.Literal('coordinator'),
  Type.Literal('cover'),
  Type.Literal('hub_manager'),
  Type.Literal('social_worker'),
  Type.Literal('viewer'),
]);
export type RoleName = Static<typeof Role>;
export const ROLES = Role.anyOf.map((literal) => literal.const) as RoleName[];

/** Each role in words, for people reading what a key is for (the console shows them; README's table agrees). */
export const ROLE_WORDS: Record<RoleName, { label: string; for: string }> = {
  admin: { label: 'Admin', for: 'system owners' },
  coordinator: { label: 'Sessional coordinator', for: 'the sessional coordinator of the 24/7 rota' },
  cover: { label: 'Admin team (sickness cover)', for: 'the admin team handling sickness and cover' },
  hub_manager: { label: '0-19 hub team manager', for: 'managers of 0-19 hubs (their hubs only)' },
  social_worker: { label: 'Duty social worker', for: 'duty social workers booking OSR cases (their own)' },
  viewer: { label: 'Read-only viewer', for: 'read-only integrations (HR, payroll, reporting)' },
};

export interface Permission {
  roles: readonly RoleName[];
  /** What narrows the roles, in a sentence (shown in the OpenAPI document). */
  scope?: string;
}

const EVERYONE = ROLES;
const ADMIN: RoleName[] = ['admin'];
const PLANNERS: RoleName[] = ['admin', 'coordinator'];
const COVER: RoleName[] = ['admin', 'coordinator', 'cover'];
const STAFF: RoleName[] = ['admin', 'coordinator', 'cover', 'hub_manager'];
const STAFF_AND_VIEWER: RoleName[] = [...STAFF, 'viewer'];
const COVER_AND_VIEWER: RoleName[] = [...COVER, 'viewer'];

const HUB = 'A hub_manager key acts only on the hubs it names.';
const HUB_STAFF =
  'A hub_manager key acts only on the 0-19 practitioners of the hubs it names (never on parenting practitioners).';
const OWN_BOOKINGS = 'A social_worker key sees the bookings it made; a hub_manager key those of its hubs.';
const PRIVATE_FIELDS =
  'Social workers and viewers see only name, hub, grade, specialisms and gender of practitioners.';
const PRIVATE_ABSENCES =
  'Absence kinds and notes are shown to admin, coordinator, cover and the practitioner\'s own hub manager; others see "unavailable".';

/** Routes in a row that take the same roles and no scope, written on one line. */
const same = (roles: readonly RoleName[], ...routes: string[]): Record<string, Permission> =>
  Object.fromEntries(routes.map((route) => [route, { roles }]));

export const PERMISSIONS: Record<string, Permission> = {
  ...same(ADMIN, 'POST /v1/api-keys', 'GET /v1/api-keys'),
  'GET /v1/me': { roles: EVERYONE },
  'POST /v1/api-keys/:id/revoke': { roles: ADMIN },

  ...same(EVERYONE, 'GET /v1/regions', 'GET /v1/regions/:code'),
  'PUT /v1/regions/:code': { roles: PLANNERS },
  ...same(EVERYONE, 'GET /v1/specialisms', 'GET /v1/specialisms/:code'),
  'PUT /v1/specialisms/:code': { roles: PLANNERS },
  ...same(EVERYONE, 'GET /v1/hubs', 'GET /v1/hubs/:code'),
  'PUT /v1/hubs/:code': {
    roles: ['admin', 'hub_manager'],
    scope: `${HUB} Only an admin creates a hub.`,
  },

  'POST /v1/practitioners': { roles: ['admin', 'coordinator', 'hub_manager'], scope: HUB_STAFF },
  'GET /v1/practitioners': { roles: EVERYONE, scope: PRIVATE_FIELDS },
  'GET /v1/practitioners/:id': { roles: EVERYONE, scope: PRIVATE_FIELDS },
  'PATCH /v1/practitioners/:id': { roles: ['admin', 'coordinator', 'hub_manager'], scope: HUB_STAFF },
  'DELETE /v1/practitioners/:id': { roles: PLANNERS },
  'GET /v1/practitioners/:id/preferences': { roles: STAFF },
  'PUT /v1/practitioners/:id/preferences': {
    roles: ['admin', 'coordinator', 'hub_manager'],
    scope: HUB_STAFF,
  },
  'POST /v1/practitioners/:id/absences': { roles: STAFF, scope: HUB_STAFF },
  'GET /v1/absences': { roles: STAFF_AND_VIEWER, scope: PRIVATE_ABSENCES },
  'GET /v1/absences/:id': { roles: STAFF_AND_VIEWER, scope: PRIVATE_ABSENCES },
  'PATCH /v1/absences/:id': { roles: STAFF, scope: HUB_STAFF },
  'DELETE /v1/absences/:id': { roles: STAFF, scope: HUB_STAFF },
  'GET /v1/audit': { roles: ADMIN },

  'POST /v1/placements': { roles: PLANNERS },
  ...same(STAFF_AND_VIEWER, 'GET /v1/placements', 'GET /v1/placements/:id'),
  ...same(PLANNERS, 'PATCH /v1/placements/:id', 'POST /v1/placements/:id/reviews'),
  'GET /v1/placements/:id/reviews': { roles: STAFF_AND_VIEWER },
  ...same(STAFF_AND_VIEWER, 'GET /v1/shifts', 'GET /v1/shifts/:id'),
  'GET /v1/shifts/:id/candidates': { roles: COVER },
  'POST /v1/shifts/:id/assignments': {
    roles: COVER,
    scope: 'The cover role assigns only to a shift still short of practitioners (with the rule check).',
  },
  'DELETE /v1/shifts/:id/assignments/:practitionerId': { roles: PLANNERS },
  ...same(PLANNERS, 'POST /v1/shifts/:id/lock', 'POST /v1/shifts/:id/unlock'),
  ...same(STAFF_AND_VIEWER, 'GET /v1/shifts.csv', 'GET /v1/practitioners/:id/rota.ics'),
  ...same(STAFF_AND_VIEWER, 'GET /v1/hours', 'GET /v1/rule-breaks'),

  'POST /v1/rota-runs': { roles: PLANNERS },
  ...same(COVER_AND_VIEWER, 'GET /v1/rota-runs', 'GET /v1/rota-runs/:id', 'GET /v1/rota-runs/:id/events'),
  ...same(PLANNERS, 'POST /v1/rota-runs/:id/cancel', 'POST /v1/rota-runs/:id/publish'),

  'POST /v1/cover-plans': { roles: COVER },
  'GET /v1/cover-plans/:id': { roles: COVER_AND_VIEWER },
  'POST /v1/cover-plans/:id/accept': { roles: COVER },
  'GET /v1/standby': { roles: COVER_AND_VIEWER },
  ...same(COVER, 'PUT /v1/standby/:region/:date', 'POST /v1/standby/suggestions'),
  'GET /v1/resilience': { roles: COVER_AND_VIEWER },
  'GET /v1/events': { roles: ['admin', 'viewer'] },

  'POST /v1/practitioners/:id/calendar-links': { roles: PLANNERS },
  'POST /v1/osr/calendar-links': {
    roles: ['admin', 'coordinator', 'hub_manager'],
    scope: `${HUB} A hub_manager names its hub; a link to every hub is for admin and coordinator.`,
  },
  'DELETE /v1/calendar-links/:id': {
    roles: ['admin', 'coordinator', 'hub_manager'],
    scope: 'A hub_manager key revokes only OSR links of the hubs it names.',
  },

  ...same(PLANNERS, 'POST /v1/imports/practitioners', 'POST /v1/imports/placements'),
  ...same(PLANNERS, 'GET /v1/imports/practitioners/template.csv', 'GET /v1/imports/placements/template.csv'),

  ...same(ADMIN, 'POST /v1/webhooks', 'GET /v1/webhooks', 'GET /v1/webhooks/:id', 'DELETE /v1/webhooks/:id'),
  ...same(ADMIN, 'POST /v1/webhooks/:id/pause', 'POST /v1/webhooks/:id/resume'),
  ...same(ADMIN, 'POST /v1/webhooks/:id/rotate-secret', 'GET /v1/webhooks/:id/deliveries'),
  ...same(ADMIN, 'POST /v1/webhooks/:id/deliveries/:deliveryId/replay', 'POST /v1/webhooks/:id/replay'),

  'POST /v1/osr/rotas': {
    roles: ['admin', 'coordinator', 'hub_manager'],
    scope: `${HUB} A hub_manager names its hub in the body.`,
  },
  'GET /v1/osr/rotas': { roles: EVERYONE },
  'POST /v1/osr/rotas/issue': {
    roles: ['admin', 'coordinator', 'hub_manager'],
    scope: `${HUB} A hub_manager names its hub in the body.`,
  },
  'PUT /v1/osr/lead-responders/:hub/:week': { roles: ['admin', 'hub_manager'], scope: HUB },
  'POST /v1/osr/lead-responders/:hub/:week/replacement-proposal': {
    roles: ['admin', 'coordinator', 'cover', 'hub_manager'],
    scope: HUB,
  },
  'GET /v1/osr/hubs/:hub/weeks/:week': { roles: EVERYONE },
  'GET /v1/osr/alerts': {
    roles: ['admin', 'coordinator', 'cover', 'hub_manager', 'viewer'],
    scope: 'A hub_manager key sees the alerts of the hubs it names.',
  },
  'POST /v1/osr/bookings': { roles: ['admin', 'social_worker'] },
  'GET /v1/osr/bookings': { roles: EVERYONE, scope: OWN_BOOKINGS },
  'GET /v1/osr/bookings/:id': { roles: EVERYONE, scope: OWN_BOOKINGS },
  'POST /v1/osr/bookings/:id/cancel': {
    roles: ['admin', 'social_worker', 'hub_manager'],
    scope: 'Only the key that made the booking, a manager of its hub, or an admin cancels it.',
  },
  'POST /v1/osr/interventions': { roles: ['admin', 'hub_manager', 'social_worker'], scope: HUB },
  ...same(EVERYONE, 'GET /v1/osr/interventions', 'GET /v1/osr/interventions/:id'),
  'POST /v1/osr/interventions/:id/reassign': { roles: ['admin', 'hub_manager'], scope: HUB },
  'POST /v1/osr/interventions/:id/extend': { roles: ['admin', 'hub_manager'], scope: HUB },
  'POST /v1/osr/interventions/:id/close': { roles: ['admin', 'hub_manager'], scope: HUB },
  'PUT /v1/osr/dat-teams/:code': { roles: PLANNERS },
  'GET /v1/osr/dat-teams': { roles: EVERYONE },
  'PUT /v1/osr/dat-duty-weeks/:week': { roles: PLANNERS },
  'GET /v1/osr/dat-duty-weeks': { roles: EVERYONE },
  'GET /v1/osr/hubs/:hub/settings': { roles: EVERYONE },
  'PUT /v1/osr/hubs/:hub/settings': { roles: ['admin', 'coordinator', 'hub_manager'], scope: HUB },
  ...same(EVERYONE, 'GET /v1/osr/review', 'GET /v1/osr/review.csv', 'GET /v1/osr/review.html'),
  'GET /v1/osr/rotas.html': { roles: EVERYONE, scope: 'Social workers see no reason that names health.' },
  'GET /v1/osr/rotas.csv': { roles: EVERYONE, scope: 'Social workers see no reason that names health.' },
  'GET /v1/osr/rotas.ics': { roles: EVERYONE },
};

/** The permission of a route (`GET` stands for its `HEAD`), or undefined when the table lacks it. */
export function permissionOf(method: string, url: string): Permission | undefined {
  return PERMISSIONS[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}

// ---- Scopes ------------------------------------------------------------------------------------

/** What the handlers need to know of the caller (set by the auth hook). */
export interface ScopedActor {
  keyId: string;
  role: RoleName;
  /** hub_manager keys: the hubs they may act on; null for every other role. */
  hubs: string[] | null;
}

export interface Actor extends ScopedActor {
  name: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

const actor = (request: FastifyRequest): ScopedActor => {
  const a = request.actor;
  if (!a) throw problems.unauthorized('Authentication required.');
  return a;
};

/** Roles whose reach is whole-service (not narrowed by a hub). */
const isHubScoped = (a: ScopedActor) => a.role === 'hub_manager';

/** The hubs a caller is limited to, or null when the role is not hub-scoped. */
export function hubScopeOf(request: FastifyRequest): string[] | null {
  const a = actor(request);
  return isHubScoped(a) ? (a.hubs ?? []) : null;
}

/** Whether the caller may act on this hub. */
export function mayActOnHub(request: FastifyRequest, hub: string | null | undefined): boolean {
  const scope = hubScopeOf(request);
  return scope === null || (hub !== null && hub !== undefined && scope.includes(hub));
}

/** 403 unless the caller may act on this hub (hub managers: only the hubs their key names). */
export function assertHubScope(request: FastifyRequest, hub: string | null | undefined): void {
  if (mayActOnHub(request, hub)) return;
  const a = actor(request);
  throw problems.forbidden(
    hub
      ? `This ${a.role} key may act only on hubs ${(a.hubs ?? []).join(', ') || '(none)'}, not on "${hub}".`
      : `This ${a.role} key may act only on the hubs it names; say which hub.`,
  );
}

/**
 * A hub manager may change a 0-19 practitioner of its own hubs and nothing else of the panel (never a
 * 24/7 parenting practitioner); other roles that reach the route are not narrowed.
 */
export function assertPanelScope(
  request: FastifyRequest,
  practitioner: { kind: string; hub: string | null | undefined },
): void {
  if (hubScopeOf(request) === null) return;
  if (practitioner.kind !== 'zero_nineteen') {
    throw problems.forbidden(
      'A hub_manager key may not change parenting (24/7) practitioners or their absences.',
    );
  }
  assertHubScope(request, practitioner.hub);
}

/** Whether the caller may see or cancel a booking (its maker, its hub's manager, or staff who read all). */
export function mayReachBooking(
  request: FastifyRequest,
  booking: { hub: string; createdByKey: string | null },
  purpose: 'read' | 'cancel',
): boolean {
  const a = actor(request);
  if (a.role === 'admin') return true;
  if (a.role === 'social_worker') return booking.createdByKey === a.keyId;
  if (a.role === 'hub_manager') return mayActOnHub(request, booking.hub);
  return purpose === 'read';
}

/** Roles that see every field of a practitioner (contracts, HR references, external ids). */
export const seesWholePanel = (request: FastifyRequest): boolean =>
  !['social_worker', 'viewer'].includes(actor(request).role);

/** Whether the caller sees an absence's kind and note (else it reads "unavailable"). */
export function seesAbsenceDetail(request: FastifyRequest, practitionerHub: string | null): boolean {
  const a = actor(request);
  if (a.role === 'admin' || a.role === 'coordinator' || a.role === 'cover') return true;
  if (a.role === 'hub_manager') return practitionerHub !== null && mayActOnHub(request, practitionerHub);
  return false;
}

/** Whether health words may reach this caller (OSR reasons): not for social workers or viewers. */
export const seesHealthWords = (request: FastifyRequest): boolean =>
  !['social_worker', 'viewer'].includes(actor(request).role);
