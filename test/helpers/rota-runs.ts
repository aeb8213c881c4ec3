import { expectStatus, type TestContext } from './app.js';

export interface RunState {
  id: string;
  status: string;
  [field: string]: unknown;
}

const ended = (run: RunState) => ['completed', 'failed', 'cancelled'].includes(run.status);

/**
 * Reads a rota run every 100 ms until `until` holds (by default, until it has ended) and returns it as
 * read then. Gives up after a minute: runs in tests have time limits of seconds.
 */
export async function waitForRun(
  ctx: TestContext,
  id: string,
  until: (run: RunState) => boolean = ended,
): Promise<ReturnType<typeof JSON.parse>> {
  for (let i = 0; i < 600; i++) {
    const run = (await expectStatus(ctx.call('coordinator', 'GET', `/v1/rota-runs/${id}`), 200)).json();
    if (until(run)) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The rota run did not get there within a minute.');
}
