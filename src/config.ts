import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { IANAZone } from 'luxon';

const LogLevel = Type.Union([
  Type.Literal('fatal'),
  Type.Literal('error'),
  Type.Literal('warn'),
  Type.Literal('info'),
  Type.Literal('debug'),
  Type.Literal('trace'),
  Type.Literal('silent'),
]);

export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String({ minLength: 1 }),
  databaseUrl: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  pgliteDir: Type.String({ minLength: 1 }),
  adminApiKey: Type.Optional(Type.String({ minLength: 16 })),
  demoData: Type.Boolean(),
  demoSeed: Type.Integer(),
  timezone: Type.String({ minLength: 1 }),
  logLevel: LogLevel,
  /** Whether this process solves queued rota runs itself (the API does by default). */
  solveInProcess: Type.Boolean(),
  /** Requests per minute per API key (or per address without a key); 0 turns the limit off. */
  rateLimitPerMinute: Type.Integer({ minimum: 0 }),
  /** Local days a cover plan looks ahead from its first uncovered shift; later shifts wait for a later plan. */
  coverHorizonDays: Type.Integer({ minimum: 1, maximum: 93 }),
  /** Webhook receivers on private or loopback addresses are refused unless this is true (tests, development). */
  webhooksAllowPrivate: Type.Boolean(),
  /** The first webhook retry's delay in ms; each next one doubles, up to an hour. */
  webhookRetryBaseMs: Type.Integer({ minimum: 1 }),
  /** Where the service is reached from outside, for the links it hands out (calendar links). */
  publicBaseUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
});

export type Config = Static<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const ENV_NAMES: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  databaseUrl: 'DATABASE_URL',
  pgliteDir: 'PGLITE_DIR',
  adminApiKey: 'ADMIN_API_KEY',
  demoData: 'DEMO_DATA',
  demoSeed: 'DEMO_SEED',
  timezone: 'TIMEZONE',
  logLevel: 'LOG_LEVEL',
  solveInProcess: 'SOLVE_IN_PROCESS',
  rateLimitPerMinute: 'RATE_LIMIT_PER_MINUTE',
  coverHorizonDays: 'COVER_HORIZON_DAYS',
  webhooksAllowPrivate: 'WEBHOOKS_ALLOW_PRIVATE',
  webhookRetryBaseMs: 'WEBHOOK_RETRY_BASE_MS',
  publicBaseUrl: 'PUBLIC_BASE_URL',
};

function parseBoolean(name: string, raw: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  problems.push(`${name} must be true or false, got "${raw}"`);
  return fallback;
}

function parseInteger(name: string, raw: string | undefined, fallback: number, problems: string[]): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) {
    problems.push(`${name} must be a whole number, got "${raw}"`);
    return fallback;
  }
  return Number(raw);
}

/** Reads the environment once at boot; every bad value is reported together, with its variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const blankToUndefined = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);
  const candidate: Config = {
    port: parseInteger('PORT', env.PORT, 3000, problems),
    host: env.HOST || '127.0.0.1',
    databaseUrl: blankToUndefined(env.DATABASE_URL),
    pgliteDir: env.PGLITE_DIR || './.data/pglite',
    adminApiKey: blankToUndefined(env.ADMIN_API_KEY),
    demoData: parseBoolean('DEMO_DATA', env.DEMO_DATA, false, problems),
    demoSeed: parseInteger('DEMO_SEED', env.DEMO_SEED, 2026, problems),
    timezone: env.TIMEZONE || 'Europe/London',
    logLevel: (env.LOG_LEVEL || 'info') as Config['logLevel'],
    solveInProcess: parseBoolean('SOLVE_IN_PROCESS', env.SOLVE_IN_PROCESS, true, problems),
    rateLimitPerMinute: parseInteger('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 6000, problems),
    coverHorizonDays: parseInteger('COVER_HORIZON_DAYS', env.COVER_HORIZON_DAYS, 28, problems),
    webhooksAllowPrivate: parseBoolean('WEBHOOKS_ALLOW_PRIVATE', env.WEBHOOKS_ALLOW_PRIVATE, false, problems),
    webhookRetryBaseMs: parseInteger('WEBHOOK_RETRY_BASE_MS', env.WEBHOOK_RETRY_BASE_MS, 5000, problems),
    publicBaseUrl: blankToUndefined(env.PUBLIC_BASE_URL)?.replace(/\/+$/, ''),
    ...overrides,
  };
  if (candidate.databaseUrl === undefined) delete candidate.databaseUrl;
  if (candidate.adminApiKey === undefined) delete candidate.adminApiKey;
  if (candidate.publicBaseUrl === undefined) delete candidate.publicBaseUrl;
  for (const error of Value.Errors(ConfigSchema, candidate)) {
    const key = error.instancePath.replace(/^\//, '') as keyof Config;
    problems.push(`${ENV_NAMES[key] ?? key}: ${error.message}`);
  }
  if (!IANAZone.isValidZone(candidate.timezone)) {
    problems.push(`TIMEZONE must be an IANA time zone such as Europe/London, got "${candidate.timezone}"`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return candidate;
}

/** For the entry points: the configuration, or the reason it is wrong on stderr and exit code 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
