import type { ReadDatabase } from '@ledger/event-sourcing';
import type { ServiceIntegrationTables } from '../service-integration';

type MergeRow = { customer_id: string; merged_into: string | null };

/**
 * Merges as the views follow them: wherever a view names a customer, a merged duplicate is named by its
 * survivor. Resolved when a query runs, from `si_customers.merged_into`, rather than written into every
 * row: an undone merge then rewrites nothing, and a rebuild gives the same rows whatever the order of a
 * merge and the records it covers.
 */
export class Survivors {
  private readonly into: ReadonlyMap<string, string>;

  private constructor(rows: readonly MergeRow[]) {
    this.into = new Map(
      rows.filter((r) => r.merged_into !== null).map((r) => [r.customer_id, r.merged_into!]),
    );
  }

  static of(rows: readonly MergeRow[]): Survivors {
    return new Survivors(rows);
  }

  /** The merges in effect (few: an index on `merged_into` finds them without reading every customer). */
  static async load(database: ReadDatabase): Promise<Survivors> {
    const rows = await database
      .tables<ServiceIntegrationTables>()
      .selectFrom('si_customers')
      .select(['customer_id', 'merged_into'])
      .where('merged_into', 'is not', null)
      .execute();
    return new Survivors(rows);
  }

  /**
   * The customer `id` stands for now: its survivor, followed along a chain (a survivor merged in turn).
   * A loop, which the write side cannot make but imported history might, leaves the id as it is.
   */
  of(id: string): string {
    const seen = new Set<string>([id]);
    let current = id;
    for (let next = this.into.get(current); next !== undefined; next = this.into.get(current)) {
      if (seen.has(next)) return id;
      seen.add(next);
      current = next;
    }
    return current;
  }

  /** Every id that stands for the same customer as `id` does (its survivor and all merged into it). */
  sameCustomer(id: string): string[] {
    const survivor = this.of(id);
    return [survivor, ...[...this.into.keys()].filter((other) => this.of(other) === survivor)];
  }
}
