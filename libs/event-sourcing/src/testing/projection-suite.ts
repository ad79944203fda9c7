import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { SqliteEventStore } from '../adapters/sqlite/sqlite-event-store';
import type { RecordedEvent } from '../envelope/envelope';
import { Generations } from '../projections/generations';
import type { ProjectionDefinition } from '../projections/projection';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../projections/projection-runner';
import { openReadDatabase, type ReadDatabase, type ReadDatabaseTarget } from '../projections/read-database';
import type { Position } from '../store/event-store';
import { appendOptionsFor } from './append-options';
import { type SampleTables, sampleRows } from './sample-projection';

/** What every projection test needs: an event store, fresh read databases, runners; all closed afterwards. */
export class ProjectionWorld {
  readonly dir = mkdtempSync(join(tmpdir(), 'ledger-projections-'));
  readonly store: SqliteEventStore;
  private readonly closing: (() => Promise<void>)[] = [];

  constructor(
    readonly freshTarget: (dir: string) => Promise<ReadDatabaseTarget>,
    clock?: () => Date,
  ) {
    this.store = new SqliteEventStore(join(this.dir, 'events.db'), clock);
  }

  async database(target?: ReadDatabaseTarget): Promise<ReadDatabase> {
    const database = await openReadDatabase(target ?? (await this.freshTarget(this.dir)));
    this.closing.push(() => database.close());
    return database;
  }

  runner(
    database: ReadDatabase,
    projections: ProjectionDefinition<SampleTables>[],
    options: Partial<ProjectionRunnerOptions> = {},
  ): ProjectionRunner {
    const runner = new ProjectionRunner({ store: this.store, database, projections, ...options });
    this.closing.push(() => runner.stop());
    return runner;
  }

  /** Appends `types` to a stream (whatever its revision) and returns the position of the last one. */
  async append(stream: string, types: readonly string[]): Promise<Position> {
    const events = types.map((type, i) => ({ type, data: { i, note: `${stream} ${type}` } }));
    return (await this.store.append(stream, events, appendOptionsFor('any'))).position;
  }

  async events(upTo?: Position): Promise<RecordedEvent[]> {
    const all = await this.store.readAll();
    return upTo === undefined ? all : all.filter((e) => this.store.comparePositions(e.position, upTo) <= 0);
  }

  async close(): Promise<void> {
    for (const close of this.closing.reverse()) await close().catch(() => undefined);
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The sample projection's rows, read the way a query does (through the views), in a stable order. */
export async function rowsOf(database: ReadDatabase) {
  const db = database.tables<SampleTables>();
  const streams = await db.selectFrom('sample_streams').selectAll().orderBy('stream').execute();
  const categories = await db.selectFrom('sample_categories').selectAll().orderBy('category').execute();
  return { streams, categories };
}

/** The same rows computed in memory from the events. */
export function expectedRows(events: readonly RecordedEvent[], handles: readonly string[]) {
  const { streams, categories } = sampleRows(events, new Set(handles));
  const byKey = <T>(map: Map<string, T>) =>
    [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  return { streams: byKey(streams), categories: byKey(categories) };
}

export async function generationsOf(database: ReadDatabase, name = 'sample') {
  return new Generations(database, () => new Date()).list(name);
}

export async function tableExists(database: ReadDatabase, table: string): Promise<boolean> {
  const tables = await database.db.introspection.getTables({ withInternalKyselyTables: false });
  return tables.some((t) => t.name === table);
}

/** The names of a table's indexes that a projection declared (`<table>_ix<n>`), as committed. */
export async function queryIndexesOf(database: ReadDatabase, table: string): Promise<string[]> {
  const query =
    database.dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = ${table}`
      : sql<{ name: string }>`select indexname as name from pg_indexes where tablename = ${table}`;
  const { rows } = await query.execute(database.db);
  return rows
    .map((row) => row.name)
    .filter((name) => /_ix\d+$/.test(name))
    .sort();
}

/** Resolves when `check` passes (polling); for states a test cannot await directly. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
