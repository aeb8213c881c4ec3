import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.js';
import {
  createTestContext,
  expectStatus,
  seedReference,
  tableCounts,
  type TestContext,
} from '../helpers/app.js';

const valid = { name: 'Valid Person', kind: 'parenting', homeRegion: 'north-west' };

describe.each(databaseTargets())(
  'bad input is refused with problem+json and changes nothing, on %s',
  (target) => {
    let ctx: TestContext;
    let practitionerId: string;
    beforeAll(async () => {
      ctx = await createTestContext(target);
      await seedReference(ctx);
      practitionerId = (await expectStatus(ctx.call('admin', 'POST', '/v1/practitioners', valid), 201)).json()
        .id;
    });
    afterAll(() => ctx?.close());

    const cases: {
      name: string;
      method: string;
      url: () => string;
      body?: unknown;
      raw?: string;
      contentType?: string;
      status: number;
      detail?: RegExp;
    }[] = [
      {
        name: 'wrong type (string for a number)',
        method: 'POST',
        url: () => '/v1/practitioners',
        body: { ...valid, contract: { maxHoursPer7Days: '48' } },
        status: 400,
        detail: /maxHoursPer7Days/,
      },
      {
        name: 'wrong type (number for a string)',
        method: 'POST',
        url: () => '/v1/practitioners',
        body: { ...valid, name: 42 },
        status: 400,
        detail: /name/,
      },
      {
        name: 'unknown field',
        method: 'POST',
        url: () => '/v1/practitioners',
        body: { ...valid, favouriteColour: 'red' },
        status: 400,
        detail: /favouriteColour is not a known field/,
      },
      {
        name: 'unknown nested field',
        method: 'POST',
        url: () => '/v1/practitioners',
        body: { ...valid, contract: { overtime: true } },
        status: 400,
        detail: /overtime/,
      },
      {
        name: 'missing required field',
        method: 'POST',
        url: () => '/v1/practitioners',
        body: { kind: 'parenting', homeRegion: 'north-west' },
        status: 400,
        detail: /name/,
      },
      {
        name: 'unknown enum value',
        method: 'POST',
        url: () => '/v1/practitioners',
        body: { ...valid, kind: 'wizard' },
        status: 400,
      },
      {
        name: 'unknown region code',
        method: 'POST',
        url: () => '/v1/practitioners',
        body: { ...valid, homeRegion: 'atlantis' },
        status: 422,
        detail: /atlantis/,
      },
      {
        name: 'code that is not a slug',
        method: 'PUT',
        url: () => '/v1/regions/North%20West',
        body: { name: 'NW' },
        status: 400,
      },
      {
        name: 'empty name',
        method: 'PUT',
        url: () => '/v1/regions/ok-code',
        body: { name: '' },
        status: 400,
      },
      {
        name: 'negative case cap',
        method: 'PUT',
        url: () => '/v1/hubs/new-hub',
        body: { name: 'Hub', weeklyCaseCap: -1 },
        status: 400,
      },
      {
        name: 'absence ending before it starts',
        method: 'POST',
        url: () => `/v1/practitioners/${practitionerId}/absences`,
        body: { kind: 'annual_leave', start: '2026-12-10T09:00:00Z', end: '2026-12-01T09:00:00Z' },
        status: 400,
        detail: /before/,
      },
      {
        name: 'open-ended leave',
        method: 'POST',
        url: () => `/v1/practitioners/${practitionerId}/absences`,
        body: { kind: 'annual_leave', start: '2026-12-10T09:00:00Z' },
        status: 400,
        detail: /only sickness/,
      },
      {
        name: 'instant without offset',
        method: 'POST',
        url: () => `/v1/practitioners/${practitionerId}/absences`,
        body: { kind: 'sickness', start: '2026-12-10T09:00:00' },
        status: 400,
        detail: /start/,
      },
      { name: 'impossible date', method: 'GET', url: () => '/v1/absences?from=2026-02-30', status: 400 },
      {
        name: 'period ending before it starts',
        method: 'GET',
        url: () => '/v1/absences?from=2026-12-10&to=2026-12-01',
        status: 400,
        detail: /before/,
      },
      { name: 'malformed id', method: 'GET', url: () => '/v1/practitioners/not-a-uuid', status: 400 },
      {
        name: 'malformed JSON',
        method: 'POST',
        url: () => '/v1/practitioners',
        raw: '{"name": ',
        contentType: 'application/json',
        status: 400,
      },
      {
        name: 'wrong content type',
        method: 'POST',
        url: () => '/v1/practitioners',
        raw: 'name=x',
        contentType: 'application/x-www-form-urlencoded',
        status: 415,
      },
      {
        name: 'plain text',
        method: 'POST',
        url: () => '/v1/practitioners',
        raw: JSON.stringify(valid),
        contentType: 'text/plain',
        status: 415,
      },
      {
        name: 'huge payload',
        method: 'POST',
        url: () => '/v1/practitioners',
        raw: JSON.stringify({ ...valid, name: 'x'.repeat(2 * 1024 * 1024) }),
        contentType: 'application/json',
        status: 413,
      },
      {
        name: 'array instead of object',
        method: 'POST',
        url: () => '/v1/practitioners',
        body: [valid],
        status: 400,
      },
      {
        name: 'empty patch',
        method: 'PATCH',
        url: () => `/v1/practitioners/${practitionerId}`,
        body: {},
        status: 400,
      },
    ];

    for (const c of cases) {
      it(`${c.name} -> ${c.status}`, async () => {
        const before = await tableCounts(ctx.database);
        const res = await ctx.app.inject({
          method: c.method as 'POST',
          url: c.url(),
          headers: {
            authorization: `Bearer ${ctx.keys.admin}`,
            ...(c.contentType ? { 'content-type': c.contentType } : {}),
          },
          ...(c.raw !== undefined
            ? { payload: c.raw }
            : c.body !== undefined
              ? { payload: c.body as object }
              : {}),
        });
        expect(res.statusCode, res.body).toBe(c.status);
        expect(res.headers['content-type']).toContain('application/problem+json');
        const problem = res.json();
        expect(problem).toMatchObject({
          status: c.status,
          type: expect.stringMatching(/^https:\/\//),
          title: expect.any(String),
        });
        expect(problem.detail.length).toBeGreaterThan(5);
        if (c.detail) expect(problem.detail).toMatch(c.detail);
        expect(await tableCounts(ctx.database)).toEqual(before);
      });
    }

    it('an unknown route is a problem+json 404', async () => {
      const res = await ctx.call('admin', 'GET', '/v1/nothing-here');
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });
  },
);
