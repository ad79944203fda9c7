import { ConfigError, loadConfig } from './ledger-config';

describe('configuration', () => {
  it('defaults to the embedded ledger on port 3000 under ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      eventStore: 'sqlite',
      timezone: 'America/Chicago',
      logLevel: 'info',
    });
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LEDGER_EVENT_STORE: 'mongo' }, 'LEDGER_EVENT_STORE'],
    [{ LEDGER_EVENT_STORE: 'eventstoredb' }, 'LEDGER_EVENTSTOREDB_URL'],
    [
      { LEDGER_EVENT_STORE: 'eventstoredb', LEDGER_EVENTSTOREDB_URL: 'esdb://x:2113' },
      'LEDGER_READ_DATABASE_URL',
    ],
    [{ LEDGER_EVENTSTOREDB_URL: 'kurrentdb://x:2113' }, 'LEDGER_EVENTSTOREDB_URL'],
    [{ LEDGER_READ_DATABASE_URL: 'mysql://x' }, 'LEDGER_READ_DATABASE_URL'],
    [{ LEDGER_TIMEZONE: 'Mars/Olympus' }, 'LEDGER_TIMEZONE'],
    [{ LEDGER_LOG_LEVEL: 'loud' }, 'LEDGER_LOG_LEVEL'],
    [{ LEDGER_SSN_HMAC_KEY: 'short' }, 'LEDGER_SSN_HMAC_KEY'],
  ])('refuses %j, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
