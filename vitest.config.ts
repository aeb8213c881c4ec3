import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Two at once: most files wait on the database or a solver thread, so two keep both cores busy.
    maxWorkers: 2,
    // A worker runs file after file in one process: fastify, kysely, PGlite, the routes and the warm solver
    // thread are loaded and warmed once, not once a file (on eleven integration files: 41 s of CPU, not 73).
    // It holds because no test mocks modules, stubs globals or changes process.env, and src keeps no state
    // in modules but that warm thread (each app owns the rest); a file that needs any of those must get a
    // project of its own with `isolate: true`.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
