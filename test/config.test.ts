import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration from the environment', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      pgliteDir: './.data/pglite',
      demoData: false,
      timezone: 'Europe/London',
      logLevel: 'info',
    });
    expect(loadConfig({}).databaseUrl).toBeUndefined();
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db:5432/care',
      PGLITE_DIR: 'memory',
      ADMIN_API_KEY: 'a-long-enough-secret',
      DEMO_DATA: 'true',
      TIMEZONE: 'Europe/Dublin',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u@db:5432/care',
      pgliteDir: 'memory',
      adminApiKey: 'a-long-enough-secret',
      demoData: true,
      timezone: 'Europe/Dublin',
      logLevel: 'debug',
    });
  });

  it('reports every bad value at once, naming the variable', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        DEMO_DATA: 'perhaps',
        TIMEZONE: 'Mars/Olympus',
        LOG_LEVEL: 'loud',
        ADMIN_API_KEY: 'short',
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.message;
    for (const name of ['PORT', 'DATABASE_URL', 'DEMO_DATA', 'TIMEZONE', 'LOG_LEVEL', 'ADMIN_API_KEY']) {
      expect(text).toContain(name);
    }
    expect(text).not.toContain('short');
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });
});
