import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database, DatabaseKind } from '../../src/db/database.js';
import { ROLES, type RoleName } from '../../src/http/schemas.js';
import { createApiKey } from '../../src/keys/repository.js';
import { createTestDatabase } from './databases.js';

export interface TestContext {
  app: App;
  database: Database;
  /** One API key secret per role. */
  keys: Record<RoleName, string>;
  /** `app.inject` with the given role's key (or none) and a JSON body. */
  call(
    role: RoleName | null,
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The hubs the test hub_manager key names (the hubs the tests use); scope tests make narrower keys. */
export const TEST_MANAGED_HUBS = ['east-hub', 'north-hub', 'south-hub', 'west-hub', 'new-hub'];

export async function createTestContext(
  kind: DatabaseKind,
  overrides: Partial<Config> = {},
): Promise<TestContext> {
  const database = await createTestDatabase(kind);
  const config = loadConfig({}, { logLevel: 'silent', ...overrides });
  const app = await buildApp(config, { database, logger: process.env.TEST_LOG ? { level: 'error' } : false });
  await app.ready();
  const keys = {} as Record<RoleName, string>;
  for (const role of ROLES) {
    const hubs = role === 'hub_manager' ? TEST_MANAGED_HUBS : null;
    keys[role] = (await createApiKey(database.db, `test ${role}`, role, undefined, hubs)).key;
  }
  return {
    app,
    database,
    keys,
    call: (role, method, url, body, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { ...(role ? { authorization: `Bearer ${keys[role]}` } : {}), ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** Creates the reference data most tests need. */
export async function seedReference(ctx: TestContext): Promise<void> {
  for (const [code, name] of [
    ['north-west', 'North West'],
    ['yorkshire', 'Yorkshire'],
    ['midlands', 'Midlands'],
  ]) {
    await expectStatus(ctx.call('admin', 'PUT', `/v1/regions/${code}`, { name }), 201);
  }
  for (const [code, name] of [
    ['newborn-care', 'Newborn care'],
    ['domestic-abuse', 'Domestic abuse'],
  ]) {
    await expectStatus(ctx.call('admin', 'PUT', `/v1/specialisms/${code}`, { name }), 201);
  }
  await expectStatus(ctx.call('admin', 'PUT', '/v1/hubs/east-hub', { name: 'East Hub' }), 201);
}

export async function expectStatus(response: Promise<LightMyRequestResponse>, status: number) {
  const res = await response;
  if (res.statusCode !== status) {
    throw new Error(`Expected ${status}, got ${res.statusCode}: ${res.body}`);
  }
  return res;
}

/** Row counts of every table: bad input must leave them all unchanged. */
export async function tableCounts(database: Database): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely_%'
    ORDER BY table_name`.execute(database.db);
  const out: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const row = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(database.db);
    out[name] = Number(row.rows[0]!.n);
  }
  return out;
}
