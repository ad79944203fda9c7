import { inChunks, type ProjectionContext, upsertRows } from '@ledger/event-sourcing';
import { sql, type Transaction } from 'kysely';

/** Rows of `table` whose `column` is one of `values`. */
export async function rowsWhereIn<Row>(
  // biome-ignore lint/suspicious/noExplicitAny: any projection's transaction
  trx: Transaction<any>,
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
    const result =
      await sql<Row>`select * from ${sql.table(table)} where ${sql.ref(column)} in (${list})`.execute(trx);
    rows.push(...result.rows);
  }
  return rows;
}

/**
 * The rows one batch touches, keyed by their primary key: loaded once, folded in memory event by event,
 * written back once (a batch of thousands of events costs one select and one upsert per table).
 */
export class BatchRows<Row extends Record<string, unknown>> {
  private readonly rows = new Map<string, Row>();
  private readonly changed = new Set<string>();
  private readonly wanted = new Set<string>();

  constructor(
    private readonly table: string,
    private readonly key: keyof Row & string,
  ) {}

  /** An id whose row the batch needs from the database (unless the batch creates it first). */
  want(id: string | null): void {
    if (id !== null && !this.rows.has(id)) this.wanted.add(id);
  }

  // biome-ignore lint/suspicious/noExplicitAny: any projection's transaction
  async load(trx: Transaction<any>, column: string = this.key, values: Iterable<string> = this.wanted) {
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

  put(row: Row): void {
    const id = String(row[this.key]);
    this.rows.set(id, row);
    this.changed.add(id);
  }

  /** Changes a row in place (when it exists) and marks it for writing. */
  update(id: string | null, change: Partial<Row>): Row | undefined {
    const row = this.get(id);
    if (row) this.put(Object.assign(row, change));
    return row;
  }

  async save<Tables>(trx: Transaction<Tables>, context: ProjectionContext): Promise<void> {
    const rows = [...this.changed].map((id) => this.rows.get(id)!);
    await upsertRows(trx, context, this.table as keyof Tables & string, rows as never[], {
      key: [this.key] as never[],
    });
  }
}
