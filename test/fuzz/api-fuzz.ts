import fc from 'fast-check';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { ROLES, type RoleName } from '../../src/http/permissions.js';
import { expectStatus, seedReference, type TestContext } from '../helpers/app.js';

/**
 * Fuzzing every operation of the OpenAPI document with bad input, with every role (issue 11): no 5xx,
 * every error is problem+json, and no 4xx changes any table (row counts and the audit log before and after).
 * Seeded: a failure prints the seed and path to replay (`FUZZ_SEED=... FUZZ_RUNS=...`).
 */

interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string; example?: unknown }[];
  body?: unknown;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export async function operationsOf(ctx: TestContext): Promise<Operation[]> {
  const doc = (await ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.startsWith('/v1')) continue;
    for (const [method, op] of Object.entries(ops)) {
      // Server-sent events stream until a run ends: fuzzed through their 404s only (bad ids).
      const params = ((op.parameters as Operation['params']) ?? []).filter((p) => p.in !== 'header');
      const content = (op.requestBody as { content?: Record<string, { example?: unknown }> } | undefined)
        ?.content;
      const body = content?.['application/json']?.example;
      out.push({ method: method.toUpperCase(), path, params, ...(body === undefined ? {} : { body }) });
    }
  }
  return out;
}

/** Real ids and codes, so some requests reach past the "not found" checks. */
export async function seedForFuzz(ctx: TestContext): Promise<Record<string, string[]>> {
  await seedReference(ctx);
  const practitioner = (
    await expectStatus(
      ctx.call('admin', 'POST', '/v1/practitioners', {
        name: 'Fuzz Person',
        kind: 'parenting',
        homeRegion: 'north-west',
      }),
      201,
    )
  ).json().id as string;
  const placement = (
    await expectStatus(
      ctx.call('admin', 'POST', '/v1/placements', {
        caseReference: 'CR-FUZZ',
        region: 'north-west',
        startDate: '2030-01-07',
        endDate: '2030-01-08',
      }),
      201,
    )
  ).json().id as string;
  const shift = (
    await expectStatus(ctx.call('admin', 'GET', `/v1/shifts?from=2030-01-07&to=2030-01-08`), 200)
  ).json().items[0].id as string;
  return {
    id: [practitioner, placement, shift, '00000000-0000-4000-8000-000000000000'],
    code: ['north-west', 'east-hub', 'newborn-care', 'no-such-code'],
    hub: ['east-hub', 'nowhere'],
    region: ['north-west'],
    week: ['2030-W02', '9999-W52', '2030-W53'],
    date: ['2030-01-07', '2026-03-29', '9999-12-31'],
    practitionerId: [practitioner],
  };
}

const CONTROL = ['\u0000', '\u0007', '\u001b', '\u007f'];
const FAR = [
  '9999-12-31',
  '0001-01-01',
  '+275760-09-13T00:00:00Z',
  '9999-12-31T23:30:00-01:00',
  '10000-W01',
  '9999-W52',
  '2026-03-29T01:30:00', // a local time in the spring-forward gap, and without an offset
  '2026-03-29T01:30:00+00:00',
  '2026-10-25T01:30:00',
  '1969-12-31T23:59:59Z',
];
const BAD_IDS = [
  'x',
  'null',
  '-1',
  '%00',
  '..%2F..%2Fetc',
  'a'.repeat(99),
  '00000000-0000-0000-0000-000000000000',
];

/** A value of the wrong kind, or a hostile one of the right kind. */
const hostile = (): fc.Arbitrary<Json> =>
  fc.oneof(
    fc.constantFrom<Json>(null, true, false, 0, -1, 1e308, 3.5, '', ' ', [], {}),
    fc.constantFrom(...FAR),
    fc.constantFrom(...BAD_IDS),
    fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...CONTROL)).map(([s, c]) => `${s}${c}${s}`),
    fc.integer({ min: 1000, max: 20_000 }).map((n) => 'x'.repeat(n)),
    fc.integer({ min: 100, max: 3000 }).map((n) => Array.from({ length: n }, () => 'north-west')),
    fc.integer({ min: 30, max: 400 }).map((depth) => {
      let v: Json = 'deep';
      for (let i = 0; i < depth; i++) v = { a: v };
      return v;
    }),
    fc.string({ maxLength: 30, unit: 'binary' }),
  );

type Mutation =
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'drop'; at: number }
  | { kind: 'unknown'; value: Json }
  | { kind: 'whole'; value: Json }
  | { kind: 'content-type'; type: string }
  | { kind: 'raw'; raw: string }
  | { kind: 'none' };

const mutation = (): fc.Arbitrary<Mutation> =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostile() }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('unknown' as const), value: hostile() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), value: hostile() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('content-type' as const),
        type: fc.constantFrom(
          'text/plain',
          'application/xml',
          'text/csv',
          'application/x-www-form-urlencoded',
          'application/json; charset=utf-16',
        ),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('raw' as const),
        raw: fc.constantFrom('{', '{"a":', '[1,2', 'null', '"x"', '{"__proto__":{"polluted":1}}', '\u0000'),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  );

export const fuzzCase = () =>
  fc.record({
    op: fc.nat(),
    role: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom<RoleName | null>(...ROLES) },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    pathValues: fc.array(fc.oneof({ weight: 3, arbitrary: fc.nat() }, { weight: 1, arbitrary: hostile() }), {
      minLength: 3,
      maxLength: 3,
    }),
    query: mutation(),
    body: mutation(),
  });
export type FuzzCase = ReturnType<typeof fuzzCase> extends fc.Arbitrary<infer T> ? T : never;

const asText = (v: Json): string => (typeof v === 'string' ? v : JSON.stringify(v));

function mutateObject(base: Record<string, Json>, m: Mutation): Json {
  const keys = Object.keys(base);
  const copy: Record<string, Json> = { ...base };
  switch (m.kind) {
    case 'replace':
      if (keys.length) copy[keys[m.at % keys.length]!] = m.value;
      else copy.anything = m.value;
      return copy;
    case 'drop':
      if (keys.length) delete copy[keys[m.at % keys.length]!];
      return copy;
    case 'unknown':
      copy.notAField = m.value;
      return copy;
    case 'whole':
      return m.value;
    default:
      return copy;
  }
}

export function buildRequest(
  c: FuzzCase,
  ops: Operation[],
  known: Record<string, string[]>,
): { op: Operation; method: string; url: string; payload?: string; headers: Record<string, string> } {
  const op = ops[c.op % ops.length]!;
  let i = 0;
  const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = c.pathValues[i++ % c.pathValues.length]!;
    if (typeof v === 'number') {
      const pool = known[name] ?? known[name.endsWith('Id') ? 'id' : 'code'] ?? known.id!;
      return encodeURIComponent(pool[v % pool.length]!);
    }
    return encodeURIComponent(asText(v).slice(0, 300));
  });
  const queryBase: Record<string, Json> = {};
  for (const p of op.params.filter((p) => p.in === 'query')) {
    if (p.example !== undefined) queryBase[p.name] = p.example as Json;
  }
  const query = mutateObject(queryBase, c.query);
  const qs =
    query && typeof query === 'object' && !Array.isArray(query)
      ? new URLSearchParams(
          Object.entries(query).flatMap(([k, v]) =>
            Array.isArray(v)
              ? v.slice(0, 50).map((x): [string, string] => [k, asText(x)])
              : [[k, asText(v).slice(0, 5000)] as [string, string]],
          ),
        ).toString()
      : `q=${encodeURIComponent(asText(query).slice(0, 5000))}`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  let payload: string | undefined;
  const takesBody = ['POST', 'PUT', 'PATCH'].includes(op.method);
  if (takesBody || c.body.kind === 'raw') {
    const base = (op.body ?? {}) as Json;
    if (c.body.kind === 'raw') payload = c.body.raw;
    else if (c.body.kind === 'content-type') {
      headers['content-type'] = c.body.type;
      payload = JSON.stringify(base);
    } else if (base && typeof base === 'object' && !Array.isArray(base)) {
      payload = JSON.stringify(mutateObject(base as Record<string, Json>, c.body));
    } else payload = JSON.stringify(c.body.kind === 'whole' ? c.body.value : base);
  }
  return {
    op,
    method: op.method,
    url: qs ? `${url}?${qs}` : url,
    ...(payload === undefined ? {} : { payload }),
    headers,
  };
}

/**
 * A reading of the database: one number that changes when any row is added or removed anywhere, and the
 * audit log's last id. The tables are listed once (requests do not make tables); each reading is one query.
 */
export async function fingerprinter(ctx: TestContext): Promise<() => Promise<string>> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely_%'
    ORDER BY table_name`.execute(ctx.database.db);
  const parts = tables.rows.map((t) => sql`(SELECT count(*) FROM ${sql.table(t.name)})`);
  return async () => {
    const row = await sql<{ counts: string; audit: string | null; updated: string | null }>`
      SELECT concat_ws(',', ${sql.join(parts, sql`, `)}) AS counts,
             (SELECT max(id)::text FROM audit_log) AS audit,
             (SELECT coalesce(max(version), 0)::text FROM practitioners) AS updated`.execute(ctx.database.db);
    const r = row.rows[0]!;
    return `${r.counts}|${r.audit}|${r.updated}`;
  };
}

export async function runFuzz(
  ctx: TestContext,
  runs: number,
  seed: number,
): Promise<{ requests: number; byStatus: Record<number, number> }> {
  const ops = await operationsOf(ctx);
  const known = await seedForFuzz(ctx);
  const byStatus: Record<number, number> = {};
  const fingerprint = await fingerprinter(ctx);
  let baseline = await fingerprint();
  await fc.assert(
    fc.asyncProperty(fuzzCase(), async (c) => {
      const req = buildRequest(c, ops, known);
      if (req.url.includes('/events') && req.method === 'GET') return; // a live stream, see operationsOf
      const headers = { ...req.headers, ...(c.role ? { authorization: `Bearer ${ctx.keys[c.role]}` } : {}) };
      const res: LightMyRequestResponse = await ctx.app.inject({
        method: req.method as 'GET',
        url: req.url,
        headers,
        ...(req.payload === undefined ? {} : { payload: req.payload }),
      });
      byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
      const what = `${c.role ?? 'anonymous'} ${req.method} ${req.url.slice(0, 300)} ${String(req.payload).slice(0, 300)}`;
      expect(res.statusCode, `${what} -> ${res.body.slice(0, 500)}`).toBeLessThan(500);
      const after = await fingerprint();
      if (res.statusCode >= 400) {
        expect(String(res.headers['content-type']), what).toContain('application/problem+json');
        expect(after, `${what} changed the database with a ${res.statusCode}`).toBe(baseline);
      }
      baseline = after;
    }),
    { numRuns: runs, seed, endOnFailure: true, verbose: 1 },
  );
  return { requests: runs, byStatus };
}
