import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';

/** A list answer (api.md "Lists"): a page of items and, when there are more, the cursor to the next page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface SortKey<Row> {
  /** The column as the query selects it (the field of each item). */
  field: keyof Row & string;
  /** The column to compare and order by, when it differs from the field (e.g. `t.created_at`). */
  column?: string;
  direction?: 'asc' | 'desc';
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not one this list handed out');
    this.name = 'InvalidCursorError';
  }
}

/**
 * Keyset pagination, the same on SQLite and PostgreSQL: the cursor carries the sort keys of the page's
 * last item, and the next page starts strictly after them, so rows added meanwhile neither shift nor
 * repeat items. The keys must end in a unique column (the tie-breaker), e.g. `[{ field: 'madeAt',
 * direction: 'desc' }, { field: 'referralId' }]`; give them an index in that order. Key columns must
 * be NOT NULL (a comparison with NULL is never true, so such rows would drop out of later pages).
 */
export async function pageOf<DB, TB extends keyof DB, Row>(
  query: SelectQueryBuilder<DB, TB, Row>,
  keys: readonly SortKey<Row>[],
  options: { limit?: number; cursor?: string } = {},
): Promise<Page<Row>> {
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT)));
  let paged = query;
  if (options.cursor !== undefined) {
    const after = decodeCursor(options.cursor, keys.length);
    paged = paged.where(() => startsAfter(keys, after));
  }
  for (const key of keys) paged = paged.orderBy(sql.ref(key.column ?? key.field), key.direction ?? 'asc');
  const rows = await paged.limit(limit + 1).execute();
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1] as Record<string, unknown>;
  return { items, nextCursor: encodeCursor(keys.map((key) => last[key.field])) };
}

/** (a > x) or (a = x and b > y) or …: row-value comparison, spelt out so that directions may differ. */
function startsAfter<Row>(keys: readonly SortKey<Row>[], after: unknown[]): Expression<SqlBool> {
  const ref = (i: number) => sql.ref(keys[i].column ?? keys[i].field);
  const alternatives = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((_, j) => sql`${ref(j)} = ${after[j]}`);
    const beyond = key.direction === 'desc' ? sql`${ref(i)} < ${after[i]}` : sql`${ref(i)} > ${after[i]}`;
    return sql`(${sql.join([...equal, beyond], sql` and `)})`;
  });
  return sql<SqlBool>`(${sql.join(alternatives, sql` or `)})`;
}

export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    const scalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
    if (Array.isArray(values) && values.length === length && values.every(scalar)) return values;
  } catch {
    // fall through: not ours
  }
  throw new InvalidCursorError();
}
