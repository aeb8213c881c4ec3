import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.data', 'test-artifacts', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Migrations are frozen in time and take Kysely<any> by design (they must not import app types).
    files: ['migrations/**/*.ts', 'src/db/migrate.ts', 'test/global-setup.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The console: one module per screen, small functions (issue 16), checked by tsconfig.console.json too.
    files: ['src/console/assets/*.js'],
    rules: { 'max-lines-per-function': ['error', { max: 80 }] },
  },
  {
    // The scheduler core is pure: it must not reach HTTP, SQL or the clock.
    files: ['src/scheduler/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'fastify',
                '@fastify/*',
                'pg',
                'kysely',
                'kysely/*',
                '@electric-sql/*',
                'pg-boss',
                'luxon',
              ],
              message: 'src/scheduler is pure: no HTTP, SQL or clock.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'No clock reads in the scheduler; take time from the problem.',
        },
      ],
    },
  },
);
