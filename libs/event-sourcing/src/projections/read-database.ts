import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import { migrateReadSchema } from './read-schema';

export type ReadDialect = 'sqlite' | 'postgres';

/** Where the read models live: a SQLite file of their own beside the event store, or a PostgreSQL database. */
export type ReadDatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** No tables known yet: a projection's queries add theirs with `tables<T>()`. */
// biome-ignore lint/complexity/noBannedTypes: Kysely's own idiom for "no tables declared"
export type UntypedDatabase = {};

export interface ReadDatabase {
  readonly dialect: ReadDialect;
  readonly target: ReadDatabaseTarget;
  /** For queries. In SQLite a connection of its own (WAL: it reads the last commit, never waits for the runner). */
  readonly db: Kysely<UntypedDatabase>;
  /** For the projection runner: SQLite's one writing connection, or the PostgreSQL pool. */
  readonly writer: Kysely<UntypedDatabase>;
  /** `db` typed with a projection's tables, queried by their logical names (views onto the live tables). */
  tables<T extends Record<string, Record<string, unknown>>>(): Kysely<T>;
  close(): Promise<void>;
}

/**
 * `LEDGER_READ_DATABASE_URL` → where the read models live: unset or empty, `read.db` in the data directory;
 * `postgres://…` (or `postgresql://…`), PostgreSQL. Anything else is refused, naming the variable.
 */
export function readDatabaseTarget(url: string | undefined, dataDir: string): ReadDatabaseTarget {
  if (!url) return { kind: 'sqlite', file: join(dataDir, 'read.db') };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  throw new Error(
    'LEDGER_READ_DATABASE_URL must be empty (SQLite in the data directory) or a postgres:// URL',
  );
}

/** Opens the read database and brings its own schema (the projection registry) up to date. */
export interface ReadDatabaseOptions {
  poolSize?: number;
  /**
   * PostgreSQL: ends a session whose transaction waits on this client longer than this, so a process
   * that hangs mid-batch (stopped, not dead) cannot hold its row locks against the one taking over.
   */
  idleInTransactionTimeoutMs?: number;
}

export async function openReadDatabase(
  target: ReadDatabaseTarget,
  options: ReadDatabaseOptions = {},
): Promise<ReadDatabase> {
  const opened = target.kind === 'sqlite' ? openSqlite(target.file) : openPostgres(target.url, options);
  const database: ReadDatabase = {
    ...opened,
    target,
    tables: <T>() => opened.db as unknown as Kysely<T>,
  };
  try {
    await migrateReadSchema(database.writer, database.dialect);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

function openSqlite(file: string): Omit<ReadDatabase, 'target' | 'tables'> {
  mkdirSync(dirname(file), { recursive: true });
  const writing = new Database(file);
  writing.pragma('journal_mode = WAL');
  // NORMAL, not the event store's FULL: a commit lost to power failure loses rows and their checkpoint
  // together, and the runner projects those events again from the store.
  writing.pragma('synchronous = NORMAL');
  writing.pragma('busy_timeout = 10000');
  writing.pragma('cache_size = -65536');
  const reading = new Database(file);
  reading.pragma('busy_timeout = 10000');
  reading.pragma('query_only = ON');
  const writer = new Kysely<UntypedDatabase>({
    dialect: new SqliteDialect({ database: keepingStatements(writing) }),
  });
  const db = new Kysely<UntypedDatabase>({
    dialect: new SqliteDialect({ database: keepingStatements(reading) }),
  });
  return {
    dialect: 'sqlite',
    db,
    writer,
    close: async () => {
      await db.destroy();
      await writer.destroy();
    },
  };
}

function openPostgres(url: string, options: ReadDatabaseOptions): Omit<ReadDatabase, 'target' | 'tables'> {
  const pool = new Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs,
  });
  // An idle client that loses its server (restart, failover) must not take the process down.
  pool.on('error', () => undefined);
  const db = new Kysely<UntypedDatabase>({ dialect: new PostgresDialect({ pool }) });
  return { dialect: 'postgres', db, writer: db, close: () => db.destroy() };
}

/**
 * Kysely's SQLite driver prepares every query afresh; a projection's batches repeat a few long statements
 * (multi-row upserts), so keep them prepared. Safe because Kysely lets one query at a time use the
 * connection, and SQLite re-prepares a kept statement itself after a schema change.
 */
function keepingStatements(database: Database.Database): SqliteDatabase {
  const kept = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sql) {
      let statement = kept.get(sql);
      if (!statement) {
        if (kept.size >= 256) kept.clear();
        statement = database.prepare(sql);
        kept.set(sql, statement);
      }
      return statement;
    },
  };
}
