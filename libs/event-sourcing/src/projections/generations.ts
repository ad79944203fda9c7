import { type Kysely, sql, type Transaction } from 'kysely';
import type { Position } from '../store/event-store';
import { type ProjectionDefinition, physicalTable } from './projection';
import type { ReadDatabase, UntypedDatabase } from './read-database';

type RegistryTables = {
  projection_generations: {
    name: string;
    generation: number;
    version: number;
    state: 'live' | 'building';
    position: string | null;
    events_read: number | string;
    tables: string;
    started_at: string;
    updated_at: string;
  };
};

/** One generation of a projection's tables, and how far it has read; `position` moves as batches commit. */
export interface Generation {
  name: string;
  generation: number;
  version: number;
  state: 'live' | 'building';
  position: Position | undefined;
  eventsRead: number;
  /** Logical table name → this generation's physical table. */
  tables: Record<string, string>;
}

/** Another runner moved this checkpoint (or retired the generation): the batch must not commit. */
export class CheckpointMovedError extends Error {
  constructor(
    readonly projection: string,
    readonly generation: number,
  ) {
    super(`projection ${projection} generation ${generation}: its checkpoint moved under this runner`);
    this.name = 'CheckpointMovedError';
  }
}

/**
 * The registry of generations. Each change (tables created with their row, views swapped with the old
 * tables dropped, a checkpoint advanced with its rows) commits in one transaction.
 */
export class Generations {
  constructor(
    private readonly database: ReadDatabase,
    private readonly clock: () => Date,
  ) {}

  private get db(): Kysely<RegistryTables> {
    return this.database.writer.withTables<RegistryTables>();
  }

  async list(name: string): Promise<Generation[]> {
    const rows = await this.db
      .selectFrom('projection_generations')
      .selectAll()
      .where('name', '=', name)
      .execute();
    return rows.map((row) => ({
      name: row.name,
      generation: row.generation,
      version: row.version,
      state: row.state,
      position: (row.position ?? undefined) as Position | undefined,
      eventsRead: Number(row.events_read),
      tables: JSON.parse(row.tables) as Record<string, string>,
    }));
  }

  /**
   * Creates the tables of a new generation, with their unique indexes (conflict targets); a live one (the
   * very first) also gets the views. The other indexes only serve queries: `createIndexes` adds them once
   * the generation has caught up, because building an index over a full table is far cheaper than growing
   * it row by row, at a random place for each, through a whole history.
   */
  async create(
    definition: ProjectionDefinition,
    generation: number,
    state: Generation['state'],
  ): Promise<Generation> {
    const tables = Object.fromEntries(
      Object.keys(definition.tables).map((logical) => [logical, physicalTable(logical, generation)]),
    );
    const now = this.clock().toISOString();
    await this.database.writer.transaction().execute(async (trx) => {
      for (const [logical, physical] of Object.entries(tables)) {
        await definition.tables[logical](trx.schema.createTable(physical), this.database.dialect).execute();
      }
      await createIndexes(trx, definition, tables, true);
      if (state === 'live') await replaceViews(trx, {}, tables);
      await trx
        .withTables<RegistryTables>()
        .insertInto('projection_generations')
        .values({
          name: definition.name,
          generation,
          version: definition.version,
          state,
          position: null,
          events_read: 0,
          tables: JSON.stringify(tables),
          started_at: now,
          updated_at: now,
        })
        .execute();
    });
    return {
      name: definition.name,
      generation,
      version: definition.version,
      state,
      position: undefined,
      eventsRead: 0,
      tables,
    };
  }

  /** Adds the indexes `create` left for later; those already there are left alone. */
  async createIndexes(
    trx: Transaction<UntypedDatabase>,
    definition: ProjectionDefinition,
    generation: Generation,
  ): Promise<void> {
    await createIndexes(trx, definition, generation.tables, false);
  }

  /** Points the views at `next`'s tables and drops `previous`'s, in one transaction. */
  async promote(next: Generation, previous: Generation | undefined): Promise<void> {
    await this.database.writer.transaction().execute(async (trx) => {
      await replaceViews(trx, previous?.tables ?? {}, next.tables);
      await trx
        .withTables<RegistryTables>()
        .updateTable('projection_generations')
        .set({ state: 'live', updated_at: this.clock().toISOString() })
        .where('name', '=', next.name)
        .where('generation', '=', next.generation)
        .execute();
      if (previous) await dropGeneration(trx, previous);
    });
    next.state = 'live';
  }

  /** Abandons a generation that is not live (an unfinished rebuild of a definition that changed since). */
  async drop(generation: Generation): Promise<void> {
    await this.database.writer.transaction().execute((trx) => dropGeneration(trx, generation));
  }

  /**
   * Moves the checkpoint inside the batch's transaction, first, so that in PostgreSQL the row lock also
   * keeps a second runner from applying the same batch: only the update that finds the position it read
   * succeeds. `from` is where this transaction left it (the generation's committed position before its
   * first chunk).
   */
  async advance(
    trx: Transaction<UntypedDatabase>,
    generation: Generation,
    from: Position | undefined,
    to: Position,
    events: number,
  ): Promise<void> {
    const result = await trx
      .withTables<RegistryTables>()
      .updateTable('projection_generations')
      .set({
        position: to,
        events_read: sql<number>`events_read + ${events}`,
        updated_at: this.clock().toISOString(),
      })
      .where('name', '=', generation.name)
      .where('generation', '=', generation.generation)
      .where('position', from === undefined ? 'is' : '=', from ?? null)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) throw new CheckpointMovedError(generation.name, generation.generation);
  }
}

async function createIndexes(
  trx: Transaction<UntypedDatabase>,
  definition: ProjectionDefinition,
  tables: Record<string, string>,
  unique: boolean,
): Promise<void> {
  for (const [i, index] of (definition.indexes ?? []).entries()) {
    if (Boolean(index.unique) !== unique) continue;
    let builder = trx.schema
      .createIndex(`${tables[index.table]}_ix${i}`)
      .ifNotExists()
      .on(tables[index.table])
      .columns([...index.columns]);
    if (unique) builder = builder.unique();
    if (index.onlySet) builder = builder.where(sql.ref(index.columns[0]), 'is not', null);
    await builder.execute();
  }
}

async function replaceViews(
  trx: Transaction<UntypedDatabase>,
  previous: Record<string, string>,
  next: Record<string, string>,
): Promise<void> {
  for (const logical of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    await trx.schema.dropView(logical).ifExists().execute();
  }
  for (const [logical, physical] of Object.entries(next)) {
    await trx.schema
      .createView(logical)
      .as(trx.selectFrom(physical as never).selectAll())
      .execute();
  }
}

async function dropGeneration(trx: Transaction<UntypedDatabase>, generation: Generation): Promise<void> {
  for (const physical of Object.values(generation.tables))
    await trx.schema.dropTable(physical).ifExists().execute();
  await trx
    .withTables<RegistryTables>()
    .deleteFrom('projection_generations')
    .where('name', '=', generation.name)
    .where('generation', '=', generation.generation)
    .execute();
}
