import { inChunks, type ProjectionContext, upsertRows } from '@ledger/event-sourcing';
import { CompiledQuery, sql, type Transaction } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: any projection's transaction
type AnyTransaction = Transaction<any>;

/** Rows of `table` whose `column` is one of `values`. */
export async function rowsWhereIn<Row>(
  trx: AnyTransaction,
  table: string,
  column: string,
  values: Iterable<string>,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const chunk of inChunks(
    [...new Set(values)].map((value) => ({ value })),
    1000,
  )) {
    const list = sql.join(chunk.map((c) => c.value));
    const query = sql<Row>`select * from ${sql.table(table)} where ${sql.ref(column)} in (${list})`;
    rows.push(...(await query.execute(trx)).rows);
  }
  return rows;
}

/**
 * The rows one batch touches, keyed by their primary key, folded in memory event by event and written
 * back once (a batch of thousands of events costs a few statements per table). Most events only set
 * columns ("accepted, at, by"), so their rows are never read: the changes are kept by key and written as
 * updates of those columns alone. Rows an event must see (to check a status, say) are loaded first.
 * Only changed columns are written because in SQLite an upsert that sets every column also rewrites
 * every index entry, five times the cost.
 */
export class BatchRows<Row extends Record<string, unknown>> {
  private readonly rows = new Map<string, Row>();
  private readonly created = new Set<string>();
  private readonly changed = new Map<string, Set<string>>();
  /** Changes to rows this batch never read: key → the columns' new values. */
  private readonly blind = new Map<string, Partial<Row>>();
  private readonly wanted = new Set<string>();

  constructor(
    private readonly table: string,
    private readonly key: keyof Row & string,
  ) {}

  /** An id whose row an event of the batch must see (unless the batch creates it first). */
  want(id: string | null): void {
    if (id !== null && !this.rows.has(id)) this.wanted.add(id);
  }

  async load(trx: AnyTransaction, column: string = this.key, values: Iterable<string> = this.wanted) {
    const loaded = await rowsWhereIn<Row>(trx, this.table, column, values);
    for (const row of loaded) {
      const id = String(row[this.key]);
      if (!this.rows.has(id)) this.rows.set(id, row);
    }
    this.wanted.clear();
    return loaded;
  }

  get(id: string | null): Row | undefined {
    return id === null ? undefined : this.rows.get(id);
  }

  values(): IterableIterator<Row> {
    return this.rows.values();
  }

  /** A new row (or one replaced whole). */
  put(row: Row): void {
    const id = String(row[this.key]);
    this.rows.set(id, row);
    this.created.add(id);
  }

  /** Sets columns of a row: in memory when the batch has it, else as a change to write by key. */
  update(id: string | null, change: Partial<Row>): void {
    if (id === null) return;
    const row = this.rows.get(id);
    if (!row) {
      this.blind.set(id, Object.assign(this.blind.get(id) ?? {}, change));
      return;
    }
    Object.assign(row, change);
    if (!this.created.has(id)) {
      const columns = this.changed.get(id) ?? new Set<string>();
      for (const column of Object.keys(change)) columns.add(column);
      this.changed.set(id, columns);
    }
  }

  async save(trx: AnyTransaction, context: ProjectionContext): Promise<void> {
    const key = [this.key] as never[];
    const table = this.table as never;
    const created = [...this.created].map((id) => this.rows.get(id)!);
    const updated = [...this.changed.keys()].map((id) => this.rows.get(id)!);
    const blind = new Map<string, Record<string, unknown>[]>();
    for (const [id, change] of this.blind) {
      const set = Object.keys(change).sort().join(',');
      const rows = blind.get(set) ?? [];
      rows.push({ ...change, [this.key]: id });
      blind.set(set, rows);
    }
    for (const [set, rows] of blind)
      await setColumns(trx, context, this.table, this.key, set.split(','), rows);
    if (context.dialect === 'postgres') {
      // PostgreSQL rewrites the whole tuple either way (and skips unchanged indexes itself): one statement.
      await upsertRows(trx, context, table, [...created, ...updated] as never[], { key });
      return;
    }
    await upsertRows(trx, context, table, created as never[], { key });
    const bySet = new Map<string, Row[]>();
    for (const [id, columns] of this.changed) {
      const set = [...columns].sort().join(',');
      const rows = bySet.get(set) ?? [];
      rows.push(this.rows.get(id)!);
      bySet.set(set, rows);
    }
    for (const [set, rows] of bySet)
      await updateColumns(trx, context, this.table, this.key, set.split(','), rows);
  }
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
/** Chunk sizes, so that few distinct statement texts are prepared (and kept) per set of columns. */
const LADDER = [256, 64, 16, 4, 1];

/** SQLite: rewrites only `columns` of rows that exist (an upsert whose conflict sets those alone). */
async function updateColumns(
  trx: AnyTransaction,
  context: ProjectionContext,
  table: string,
  key: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const physical = quote(context.tables[table] ?? table);
  // Every column goes in (NOT NULL is checked before the conflict), only `columns` are set.
  const all = Object.keys(rows[0]);
  const tuple = `(${all.map(() => '?').join(', ')})`;
  const set = columns.map((c) => `${quote(c)} = excluded.${quote(c)}`).join(', ');
  let at = 0;
  while (at < rows.length) {
    const size = LADDER.find((n) => n <= rows.length - at)!;
    const chunk = rows.slice(at, at + size);
    at += size;
    const text = `insert into ${physical} (${all.map(quote).join(', ')}) values ${Array(size).fill(tuple).join(', ')} on conflict (${quote(key)}) do update set ${set}`;
    await trx.executeQuery(
      CompiledQuery.raw(
        text,
        chunk.flatMap((row) => all.map((c) => row[c])),
      ),
    );
  }
}

/**
 * Sets `columns` of the rows with these keys, without reading them: `UPDATE … FROM` a list of values
 * (SQLite's VALUES, PostgreSQL's JSON rows typed by the table's own row type). Keys that name no row
 * change nothing.
 */
async function setColumns(
  trx: AnyTransaction,
  context: ProjectionContext,
  table: string,
  key: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const physical = quote(context.tables[table] ?? table);
  if (context.dialect === 'postgres') {
    const set = columns.map((c) => `${quote(c)} = v.${quote(c)}`).join(', ');
    const text = `update ${physical} as t set ${set} from json_populate_recordset(null::${physical}, $1) as v where t.${quote(key)} = v.${quote(key)}`;
    await trx.executeQuery(CompiledQuery.raw(text, [JSON.stringify(rows)]));
    return;
  }
  const all = [key, ...columns];
  const set = columns.map((c, i) => `${quote(c)} = v.column${i + 2}`).join(', ');
  const tuple = `(${all.map(() => '?').join(', ')})`;
  let at = 0;
  while (at < rows.length) {
    const size = LADDER.find((n) => n <= rows.length - at)!;
    const chunk = rows.slice(at, at + size);
    at += size;
    const text = `update ${physical} set ${set} from (values ${Array(size).fill(tuple).join(', ')}) as v where ${physical}.${quote(key)} = v.column1`;
    await trx.executeQuery(
      CompiledQuery.raw(
        text,
        chunk.flatMap((row) => all.map((c) => row[c] ?? null)),
      ),
    );
  }
}
