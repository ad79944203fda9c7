import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './ledger-config';

const file = (content: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'ledger-config-')), 'holidays.json');
  writeFileSync(path, content);
  return path;
};

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
    [{ LEDGER_HOLIDAYS_FILE: '/nonexistent/holidays.json' }, 'LEDGER_HOLIDAYS_FILE'],
    [{ LEDGER_HOLIDAYS_FILE: file('{"dates": []}') }, 'LEDGER_HOLIDAYS_FILE'],
    [{ LEDGER_HOLIDAYS_FILE: file('["2026-01-01", "2026-13-01"]') }, 'entry 1'],
  ])('refuses %j, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('reads the holiday calendar from LEDGER_HOLIDAYS_FILE: a JSON array of dates', () => {
    expect(loadConfig({}).holidays).toBeUndefined();
    const config = loadConfig({ LEDGER_HOLIDAYS_FILE: file('["2026-01-01", "2026-12-24"]') });
    expect(config.holidays).toEqual(['2026-01-01', '2026-12-24']);
  });
});
