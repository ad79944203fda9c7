import { loadProjectorConfig, ProjectorConfigError } from './projector-config';

const valid = { LEDGER_READ_DATABASE_URL: 'postgres://ledger@db/ledger' };

describe('projector configuration', () => {
  it('defaults: port 3001, a 10 s lease, the embedded store, a replica name of its own', () => {
    const config = loadProjectorConfig(valid);
    expect(config).toMatchObject({ port: 3001, leaseMs: 10_000, batchSize: 2000, store: { kind: 'sqlite' } });
    expect(config.holder).not.toBe(loadProjectorConfig(valid).holder);
    expect(
      loadProjectorConfig({
        ...valid,
        LEDGER_EVENT_STORE: 'eventstoredb',
        LEDGER_EVENTSTOREDB_URL: 'esdb://es:2113',
      }).store,
    ).toEqual({ kind: 'eventstoredb', url: 'esdb://es:2113' });
  });

  it.each([
    [{}, 'LEDGER_READ_DATABASE_URL'],
    [{ LEDGER_READ_DATABASE_URL: '' }, 'LEDGER_READ_DATABASE_URL'],
    [{ ...valid, LEDGER_EVENT_STORE: 'eventstoredb' }, 'LEDGER_EVENTSTOREDB_URL'],
    [{ ...valid, LEDGER_PROJECTOR_LEASE_MS: '10' }, 'LEDGER_PROJECTOR_LEASE_MS'],
    [{ ...valid, PORT: 'x' }, 'PORT'],
    [{ ...valid, LEDGER_LOG_LEVEL: 'loud' }, 'LEDGER_LOG_LEVEL'],
  ])('refuses %j, naming %s', (env, name) => {
    expect(() => loadProjectorConfig(env)).toThrow(ProjectorConfigError);
    expect(() => loadProjectorConfig(env)).toThrow(name);
  });
});
