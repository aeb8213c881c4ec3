import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';
import { runFuzz } from './api-fuzz.js';

// A few thousand requests in `npm test` (split over the databases); `npm run fuzz` sends many more.
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);

describe.each(databaseTargets())('every OpenAPI operation x every role with bad input, on %s', (target) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(target, { solveInProcess: false, rateLimitPerMinute: 0 });
  });
  afterAll(() => ctx?.close());

  it(
    `no 5xx, every error problem+json, no 4xx changes a table (${RUNS} requests, seed ${SEED})`,
    async () => {
      const { byStatus } = await runFuzz(ctx, RUNS, SEED);
      if (process.env.FUZZ_RUNS) console.log('[fuzz] statuses', byStatus);
      expect(Object.keys(byStatus).length).toBeGreaterThan(3);
    },
    Math.max(120_000, RUNS * 200),
  );
});
