import { createEventStore, openReadDatabase, type ProjectionDefinition } from '@ledger/event-sourcing';
import { Pool } from 'pg';
import pino from 'pino';
import { Projector } from './projector';
import { loadProjectorConfig } from './projector-config';
import { startStatusServer } from './status-server';

/**
 * The projector process: configuration from the environment, the event store, the PostgreSQL read
 * database, leadership per projection, /health and /metrics; SIGTERM/SIGINT stop it cleanly (batches
 * in progress finish, leases are given back so a standby takes over at once). JSON log lines on stdout.
 */
// biome-ignore lint/suspicious/noExplicitAny: each projection brings its own table types
export async function runProjector(projections: readonly ProjectionDefinition<any>[]): Promise<void> {
  const config = loadProjectorConfig();
  const log = pino({ level: config.logLevel, base: { service: 'ledger-projector', holder: config.holder } });
  const store = createEventStore(config.store);
  const database = await openReadDatabase(
    { kind: 'postgres', url: config.readDatabaseUrl },
    { idleInTransactionTimeoutMs: config.leaseMs },
  );
  const leasePool = new Pool({
    connectionString: config.readDatabaseUrl,
    max: 2,
    // A lease check that hangs must fail in time for the leader to notice before its lease runs out.
    connectionTimeoutMillis: Math.floor(config.leaseMs / 3),
    query_timeout: Math.floor(config.leaseMs / 3),
  });
  leasePool.on('error', () => undefined);
  const projector = new Projector({
    store,
    database,
    leasePool,
    projections,
    holder: config.holder,
    leaseMs: config.leaseMs,
    batchSize: config.batchSize,
    log,
  });
  await projector.start();
  const server = await startStatusServer(projector, config.port);
  const address = server.address();
  log.info({
    msg: 'projector started',
    port: typeof address === 'object' && address ? address.port : config.port,
    leaseMs: config.leaseMs,
    projections: projections.map((p) => p.name),
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ msg: 'stopping', signal });
    server.close();
    await projector.stop();
    await Promise.allSettled([database.close(), leasePool.end(), store.close()]);
    log.info({ msg: 'stopped' });
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
