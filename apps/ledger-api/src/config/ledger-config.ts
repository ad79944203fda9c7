import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseHolidayList } from '@ledger/ledger';

export interface LedgerConfig {
  port: number;
  dataDir: string;
  eventStore: 'sqlite' | 'eventstoredb';
  eventStoreDbUrl?: string;
  readDatabaseUrl?: string;
  jwt: { issuer: string; audience: string; jwksUrl?: string; accountClaim: string };
  timezone: string;
  /**
   * `LEDGER_HOLIDAYS_FILE`: a JSON array of local dates, `["2026-01-01", "2026-01-19", …]`, naming every
   * holiday of every year measured; it replaces the default (U.S. federal holidays with weekend
   * observance, computed by rule) rather than adding to it. Read and checked at start-up.
   */
  holidaysFile?: string;
  /** The holiday calendar read from `holidaysFile`; undefined: U.S. federal holidays, computed by rule. */
  holidays?: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  checkpointEvery: number;
  checkpointSeconds: number;
  ssnHmacKey?: string;
  bodyLimitBytes: number;
  assessmentReuseDays: number;
  weeklyHoursLimit: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/** Reads and validates the environment once at start-up; a bad value stops the process, naming it. */
export function loadConfig(env: Env = process.env): LedgerConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!allowed.includes(raw as T))
      problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return raw as T;
  };
  const url = (name: string, schemes: string[]): string | undefined => {
    const raw = env[name];
    if (!raw) return undefined;
    try {
      const parsed = new URL(raw);
      if (!schemes.includes(parsed.protocol)) problems.push(`${name} must be a ${schemes.join(' or ')} URL`);
    } catch {
      problems.push(`${name} is not a URL`);
    }
    return raw;
  };

  const timezone = env.LEDGER_TIMEZONE || 'America/Chicago';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    problems.push(`LEDGER_TIMEZONE is not a time zone (got "${timezone}")`);
  }
  const dataDir = env.LEDGER_DATA_DIR || './data';
  const config: LedgerConfig = {
    port: int('PORT', 3000, 0, 65535),
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(dataDir),
    eventStore: oneOf('LEDGER_EVENT_STORE', ['sqlite', 'eventstoredb'] as const, 'sqlite'),
    // What @eventstore/db-client connects to (it reads no kurrentdb:// strings).
    eventStoreDbUrl: url('LEDGER_EVENTSTOREDB_URL', ['esdb:', 'esdb+discover:']),
    readDatabaseUrl: url('LEDGER_READ_DATABASE_URL', ['postgres:', 'postgresql:']),
    jwt: {
      issuer: env.LEDGER_JWT_ISSUER || 'ledger',
      audience: env.LEDGER_JWT_AUDIENCE || 'ledger-api',
      jwksUrl: url('LEDGER_JWKS_URL', ['https:', 'http:']),
      accountClaim: env.LEDGER_JWT_ACCOUNT_CLAIM || 'sub',
    },
    timezone,
    holidaysFile: env.LEDGER_HOLIDAYS_FILE || undefined,
    logLevel: oneOf(
      'LEDGER_LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    checkpointEvery: int('LEDGER_CHECKPOINT_EVERY', 1000, 1, 10_000_000),
    checkpointSeconds: int('LEDGER_CHECKPOINT_SECONDS', 60, 1, 86_400),
    ssnHmacKey: env.LEDGER_SSN_HMAC_KEY || undefined,
    bodyLimitBytes: int('LEDGER_BODY_LIMIT_BYTES', 262_144, 1024, 16_777_216),
    assessmentReuseDays: int('LEDGER_ASSESSMENT_REUSE_DAYS', 90, 0, 3650),
    weeklyHoursLimit: int('LEDGER_WEEKLY_HOURS_LIMIT', 40, 1, 168),
  };
  if (config.holidaysFile) {
    try {
      config.holidays = parseHolidayList(JSON.parse(readFileSync(config.holidaysFile, 'utf8')));
    } catch (error) {
      problems.push(`LEDGER_HOLIDAYS_FILE (${config.holidaysFile}): ${(error as Error).message}`);
    }
  }
  if (config.eventStore === 'eventstoredb' && !config.eventStoreDbUrl) {
    problems.push('LEDGER_EVENTSTOREDB_URL is required when LEDGER_EVENT_STORE=eventstoredb');
  }
  if (config.eventStore === 'eventstoredb' && !config.readDatabaseUrl) {
    problems.push(
      "LEDGER_READ_DATABASE_URL (postgres://…) is required when LEDGER_EVENT_STORE=eventstoredb: customers' data keys live there",
    );
  }
  if (config.ssnHmacKey && !/^[0-9a-f]{64}$/i.test(config.ssnHmacKey)) {
    problems.push('LEDGER_SSN_HMAC_KEY must be 64 hex digits (a 256-bit key)');
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
