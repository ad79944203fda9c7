import type { CreateTableBuilder, Transaction } from 'kysely';
import type { RecordedEvent } from '../envelope/envelope';
import type { ReadDialect } from './read-database';

/** A projection's tables, as its queries see them: logical table name → row type. */
export type ProjectionTables = Record<string, Record<string, unknown>>;

export interface ProjectionContext {
  dialect: ReadDialect;
  /** The generation being written: the live one, or a rebuild's. */
  generation: number;
  /** Logical → physical table names of that generation, for SQL that Kysely's builder does not see. */
  tables: Readonly<Record<string, string>>;
}

/** Adds the columns and constraints to a table the runner names; SQLite and PostgreSQL both read it. */
export type TableDefinition = (
  table: CreateTableBuilder<string, never>,
  dialect: ReadDialect,
) => CreateTableBuilder<string, string>;

/**
 * A unique index is created with its table (an upsert's conflict target may need it). Any other index
 * serves queries, and is added once a new generation has caught up with the store: until then, during a
 * first build, queries on it scan.
 */
export interface IndexDefinition<Tables> {
  table: keyof Tables & string;
  columns: readonly string[];
  unique?: boolean;
  /** Index only the rows whose first column is set: a sparse column (few values, many nulls) then costs
   *  the writes of those few rows, not of every row. */
  onlySet?: boolean;
}

/**
 * A read model: a mapping from events to row changes. `apply` receives a batch of the events it handles,
 * in global order, and writes through `trx` by logical table names (the runner points them at the
 * generation being built); the runner commits the rows with the checkpoint. `apply` must depend only on
 * the events and the rows, never on the clock or on how events were cut into batches, so a rebuild gives
 * the same rows. Bump `version` whenever `tables` or `apply` change what ends up in the rows: the runner
 * then rebuilds the projection at start-up.
 */
export interface ProjectionDefinition<Tables extends ProjectionTables = ProjectionTables> {
  name: string;
  version: number;
  tables: { [K in keyof Tables & string]: TableDefinition };
  indexes?: readonly IndexDefinition<Tables>[];
  /** Event types passed to `apply`; the checkpoint moves past every other event too. */
  handles: readonly string[];
  apply(
    events: readonly RecordedEvent[],
    trx: Transaction<Tables>,
    context: ProjectionContext,
  ): Promise<void>;
}

export function defineProjection<Tables extends ProjectionTables>(
  definition: ProjectionDefinition<Tables>,
): ProjectionDefinition<Tables> {
  return definition;
}

const LOGICAL_NAME = /^[a-z][a-z0-9_]{0,47}$/;

/** Physical table of a generation. Queries never use it: they read the view named after the logical table. */
export function physicalTable(logical: string, generation: number): string {
  return `${logical}_g${generation}`;
}

/** Refuses names a view or a generation suffix could not carry, and tables two projections both claim. */
export function checkDefinitions(definitions: readonly ProjectionDefinition[]): void {
  const owners = new Map<string, string>();
  const names = new Set<string>();
  for (const definition of definitions) {
    if (!LOGICAL_NAME.test(definition.name))
      throw new Error(`projection name ${definition.name} is not valid`);
    if (names.has(definition.name)) throw new Error(`projection ${definition.name} is defined twice`);
    names.add(definition.name);
    if (!Number.isInteger(definition.version) || definition.version < 1) {
      throw new Error(`projection ${definition.name}: version must be a positive integer`);
    }
    for (const table of Object.keys(definition.tables)) {
      if (!LOGICAL_NAME.test(table)) throw new Error(`${definition.name}: table name ${table} is not valid`);
      const owner = owners.get(table);
      if (owner) throw new Error(`table ${table} is claimed by both ${owner} and ${definition.name}`);
      owners.set(table, definition.name);
    }
  }
}
