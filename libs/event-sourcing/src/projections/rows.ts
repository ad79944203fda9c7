import { CompiledQuery, type Transaction } from 'kysely';
import type { ProjectionContext } from './projection';

/**
 * Cuts rows for multi-row INSERTs (one statement per chunk is far faster than one per row) so that each
 * statement stays under both databases' limits on bound parameters (SQLite 32,766; PostgreSQL 65,535).
 */
export function inChunks<T extends object>(
  rows: readonly T[],
  maxRows = 1000,
  maxParameters = 30_000,
): T[][] {
  if (rows.length === 0) return [];
  const columns = Math.max(1, Object.keys(rows[0]).length);
  const size = Math.max(1, Math.min(maxRows, Math.floor(maxParameters / columns)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

export interface UpsertSpec<Row> {
  /** The conflict target: the primary key or the columns of a unique index. */
  key: readonly (keyof Row & string)[];
  /** Counters: on conflict the incoming value is added to the stored one. Every other column is replaced. */
  add?: readonly (keyof Row & string)[];
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Inserts rows, or updates the row with the same key: the bulk write most projections need, in the
 * fastest form each database offers. PostgreSQL gets the whole batch as one JSON parameter
 * (`json_populate_recordset` over the table's own row type: one short statement, planned once per
 * connection); SQLite gets multi-row VALUES, whose few distinct texts stay prepared. Rows must share
 * their columns, hold JSON-able values (no bigint), and have distinct keys (fold a batch per key first:
 * PostgreSQL refuses to update one row twice in a statement).
 */
export async function upsertRows<Tables, Table extends keyof Tables & string>(
  trx: Transaction<Tables>,
  context: ProjectionContext,
  table: Table,
  rows: readonly Tables[Table][],
  spec: UpsertSpec<Tables[Table]>,
): Promise<void> {
  if (rows.length === 0) return;
  const physical = quote(context.tables[table] ?? table);
  const columns = Object.keys(rows[0] as object);
  const added = new Set<string>(spec.add ?? []);
  const keys = new Set<string>(spec.key);
  const updates = columns
    .filter((column) => !keys.has(column))
    .map((column) =>
      added.has(column)
        ? `${quote(column)} = ${physical}.${quote(column)} + excluded.${quote(column)}`
        : `${quote(column)} = excluded.${quote(column)}`,
    );
  const conflict = `on conflict (${spec.key.map(quote).join(', ')}) ${
    updates.length ? `do update set ${updates.join(', ')}` : 'do nothing'
  }`;
  const list = columns.map(quote).join(', ');
  if (context.dialect === 'postgres') {
    const text = `insert into ${physical} (${list}) select ${list} from json_populate_recordset(null::${physical}, $1) ${conflict}`;
    await trx.executeQuery(CompiledQuery.raw(text, [JSON.stringify(rows)]));
    return;
  }
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (const chunk of inChunks(rows as readonly object[], 500)) {
    const text = `insert into ${physical} (${list}) values ${Array(chunk.length).fill(tuple).join(', ')} ${conflict}`;
    const parameters: unknown[] = [];
    for (const row of chunk as Record<string, unknown>[])
      for (const column of columns) parameters.push(row[column]);
    await trx.executeQuery(CompiledQuery.raw(text, parameters));
  }
}
