import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { PERMISSIONS } from '../../src/http/permissions.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { idsInWords } from '../helpers/ids-in-words.js';
import { waitForRun } from '../helpers/rota-runs.js';

const TZ = 'Europe/London';
const today = DateTime.now().setZone(TZ).startOf('day');
const from = today.toISODate()!;
const to = today.plus({ days: 13 }).toISODate()!;

/**
 * Every response a person reads, on the demo data, names people, case references and local times: an id
 * may stand alone in an id field, never inside a sentence. Walks every GET of the permission table that
 * needs no path parameter, then the answers that explain (runs, cover plans, candidates, refusals).
 */
describe('no id in words, anywhere', () => {
  let ctx: TestContext;
  const found: string[] = [];
  const statuses: number[] = [];
  const check = (where: string, body: unknown) => found.push(...idsInWords(body).map((x) => `${where} ${x}`));
  const json = async (method: string, url: string, body?: unknown) => {
    const res = await ctx.call('admin', method, url, body);
    statuses.push(res.statusCode);
    const type = String(res.headers['content-type'] ?? '');
    if (type.includes('json')) check(`${method} ${url} (${res.statusCode})`, res.json());
    return res;
  };

  beforeAll(async () => {
    ctx = await createTestContext('pglite', { demoData: true });
  });
  afterAll(() => ctx?.close());

  it('is checked by a walker that finds an id in a sentence and leaves ids in id fields alone', () => {
    const id = '99978abd-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(
      idsInWords({ shiftId: id, href: `/v1/shifts/${id}`, detail: `Wendy Walsh is excluded from ${id}` }),
    ).toEqual([`$.detail: Wendy Walsh is excluded from ${id}`]);
  });

  it('in every list and read', async () => {
    const gets = Object.keys(PERMISSIONS)
      .filter((k) => k.startsWith('GET /v1/') && !k.includes(':') && !/\.(csv|ics|html)$/.test(k))
      .map((k) => k.slice(4));
    expect(gets.length).toBeGreaterThan(20);
    for (const path of gets) {
      const res = await json('GET', `${path}?from=${from}&to=${to}`);
      if (res.statusCode === 400) await json('GET', path);
    }
    const shifts = (await json('GET', `/v1/shifts?from=${from}&to=${to}&limit=200`)).json().items;
    for (const s of shifts.slice(0, 20)) {
      await json('GET', `/v1/shifts/${s.id}`);
      await json('GET', `/v1/shifts/${s.id}/candidates`);
    }
    for (const p of (await json('GET', '/v1/placements')).json().items.slice(0, 5))
      await json('GET', `/v1/placements/${p.id}`);
    expect(found).toEqual([]);
  });

  it('in runs, cover plans and refusals', async () => {
    const run = (
      await expectStatus(json('POST', '/v1/rota-runs', { from, to, timeLimitSeconds: 1, seed: 1 }), 202)
    ).json();
    // Every read of the run is checked, while it solves and once it has ended.
    await waitForRun(ctx, run.id, (read) => {
      check(`GET /v1/rota-runs/${run.id}`, read);
      return !['queued', 'solving'].includes(read.status);
    });
    const absences = (await json('GET', '/v1/absences')).json().items as { id: string }[];
    for (const a of absences) await json('POST', '/v1/cover-plans', { absenceId: a.id });
    await json('POST', '/v1/cover-plans', { from, to });
    // Refusals: someone on a shift they cannot work, by every rule the demo can break.
    const shifts = (await json('GET', `/v1/shifts?from=${from}&to=${to}&limit=200`)).json().items;
    const people = (await json('GET', '/v1/practitioners?limit=100')).json().items;
    for (const s of shifts.slice(0, 6))
      for (const p of people.slice(0, 8))
        await json('POST', `/v1/shifts/${s.id}/assignments`, { practitionerId: p.id });
    const unknown = '0b7e5a44-9d1c-4c55-8e2a-6f0d3b1a2c9e';
    expect((await json('GET', `/v1/practitioners/${unknown}`)).statusCode).toBe(404);
    expect((await json('GET', `/v1/shifts/${unknown}/candidates`)).statusCode).toBe(404);
    const assigned = await json('POST', `/v1/shifts/${shifts[0].id}/assignments`, {
      practitionerId: unknown,
    });
    expect(assigned.statusCode).toBeGreaterThanOrEqual(400);
    expect(statuses.filter((s) => s === 409).length, 'refusals were read').toBeGreaterThan(5);
    expect(found).toEqual([]);
  });
});
