import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type EventStoreConfig, eventStoreConfigFromEnv } from '@ledger/event-sourcing';

export interface ProjectorConfig {
  store: EventStoreConfig;
  readDatabaseUrl: string;
  port: number;
  leaseMs: number;
  holder: string;
  batchSize: number;
  logLevel: string;
}

export class ProjectorConfigError extends Error {}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * The projector's environment, validated at start-up; a bad value stops it with the variable's name.
 * `LEDGER_EVENT_STORE`/`LEDGER_EVENTSTOREDB_URL`/`LEDGER_DATA_DIR` as for the API; `LEDGER_READ_DATABASE_URL`
 * must be PostgreSQL (the leases live there, and several replicas must reach the same database);
 * `PORT` (3001) serves /health and /metrics; `LEDGER_PROJECTOR_LEASE_MS` (10000) is how long a dead
 * leader keeps a projection; `LEDGER_PROJECTOR_ID` names this replica (host, pid and a random suffix).
 */
export function loadProjectorConfig(env: NodeJS.ProcessEnv = process.env): ProjectorConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    }
    return value;
  };
  let store: EventStoreConfig = { kind: 'sqlite' };
  try {
    store = eventStoreConfigFromEnv(env);
  } catch (error) {
    problems.push((error as Error).message);
  }
  const readDatabaseUrl = env.LEDGER_READ_DATABASE_URL ?? '';
  if (!/^postgres(ql)?:\/\//.test(readDatabaseUrl)) {
    problems.push('LEDGER_READ_DATABASE_URL must be a postgres:// URL: the projector writes PostgreSQL');
  }
  const logLevel = env.LEDGER_LOG_LEVEL || 'info';
  if (!LEVELS.includes(logLevel)) problems.push(`LEDGER_LOG_LEVEL must be one of ${LEVELS.join(', ')}`);
  const config: ProjectorConfig = {
    store,
    readDatabaseUrl,
    port: int('PORT', 3001, 0, 65535),
    leaseMs: int('LEDGER_PROJECTOR_LEASE_MS', 10_000, 500, 600_000),
    holder: env.LEDGER_PROJECTOR_ID || `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    batchSize: int('LEDGER_PROJECTOR_BATCH_SIZE', 2000, 1, 100_000),
    logLevel,
  };
  if (problems.length > 0)
    throw new ProjectorConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
