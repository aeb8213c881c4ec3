import type { LightMyRequestResponse } from 'fastify';
import type { RoleName } from '../../src/http/permissions.js';
import { expectStatus, type TestContext } from './app.js';

/**
 * The facts most tests start from, made through the API as a client would make them. Each expects the
 * API to accept (a refusal throws with its body) and returns what was made.
 */

/** An answer's JSON body, as loosely typed as `res.json()`: each test reads the fields it checks. */
type Body = ReturnType<typeof JSON.parse>;

export interface Reference {
  /** code -> name */
  regions?: Record<string, string>;
  specialisms?: Record<string, string>;
  hubs?: Record<string, string>;
}

/** Regions, specialisms and hubs, each new (201). */
export async function putReference(ctx: TestContext, reference: Reference): Promise<void> {
  for (const [path, entries] of [
    ['regions', reference.regions],
    ['specialisms', reference.specialisms],
    ['hubs', reference.hubs],
  ] as const) {
    for (const [code, name] of Object.entries(entries ?? {}))
      await expectStatus(ctx.call('admin', 'PUT', `/v1/${path}/${code}`, { name }), 201);
  }
}

export interface PractitionerFields {
  name: string;
  homeRegion: string;
  /** `parenting` unless said. */
  kind?: 'parenting' | 'zero_nineteen';
  [field: string]: unknown;
}

/** A practitioner added by the admin (or `role`). */
export async function addPractitioner(
  ctx: TestContext,
  fields: PractitionerFields,
  role: RoleName = 'admin',
): Promise<Body> {
  const body = { kind: 'parenting', ...fields };
  return (await expectStatus(ctx.call(role, 'POST', '/v1/practitioners', body), 201)).json();
}

export interface AbsenceFields {
  kind: 'sickness' | 'annual_leave' | 'training' | 'unavailable';
  start: string;
  /** Left out: open-ended (sickness only). */
  end?: string;
  note?: string;
}

/** An absence recorded by the cover team (or `role`), with the shifts it took the person off. */
export async function recordAbsence(
  ctx: TestContext,
  practitionerId: string,
  fields: AbsenceFields,
  role: RoleName = 'cover',
): Promise<Body> {
  const url = `/v1/practitioners/${practitionerId}/absences`;
  return (await expectStatus(ctx.call(role, 'POST', url, fields), 201)).json();
}

/** A further API key (a narrower scope, a second social worker); returns its secret. */
export async function newKey(
  ctx: TestContext,
  key: { name: string; role: RoleName; hubs?: string[] },
): Promise<string> {
  return (await expectStatus(ctx.call('admin', 'POST', '/v1/api-keys', key), 201)).json().key;
}

/** A request with a key that is not one of the context's role keys. */
export function callWithKey(
  ctx: TestContext,
  key: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<LightMyRequestResponse> {
  return ctx.call(null, method, url, body, { authorization: `Bearer ${key}` });
}

export interface PlacementFields {
  caseReference: string;
  region: string;
  startDate: string;
  endDate: string;
  [field: string]: unknown;
}

/** A placement started by the coordinator (or `role`); its shifts are made with it. */
export async function addPlacement(
  ctx: TestContext,
  fields: PlacementFields,
  role: RoleName = 'coordinator',
): Promise<Body> {
  return (await expectStatus(ctx.call(role, 'POST', '/v1/placements', fields), 201)).json();
}
