import type { Actor, EventStore } from '@ledger/event-sourcing';
import type { PersonalDataProtector } from '@ledger/security';
import {
  type CustomerRecord,
  type CustomerSummary,
  loadCustomerRecord,
  summariseCustomer,
} from './customer-summary';

export interface CustomerRecordsOptions {
  /** Keep records between reads: only with a sole writer (see SoleWriter), never in the scaled mode. */
  cache: boolean;
  /** How long a kept record may miss a change made by another process; the one safety net. */
  ttlMs?: number;
  limit?: number;
}

interface Loading {
  promise: Promise<CustomerRecord>;
  stale: boolean;
}

/**
 * Customers' records for reads of their summary. A record is dropped at the commit of any append to the
 * customer's stream, before that command is answered, so a read that follows a write sees it; a read that
 * was loading while the write committed answers (it raced the write) but is not kept. Personal details
 * are opened with the customer's current key on every read, so an erased customer shows none at once.
 */
export class CustomerRecords {
  private readonly kept = new Map<string, { record: CustomerRecord; at: number }>();
  private readonly loading = new Map<string, Loading>();
  private readonly unwatch: () => void;
  private readonly ttlMs: number;
  private readonly limit: number;

  constructor(
    private readonly store: EventStore,
    private readonly protector: PersonalDataProtector,
    private readonly options: CustomerRecordsOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 1000;
    this.limit = options.limit ?? 10_000;
    this.unwatch = options.cache
      ? store.onAppended((streams) => {
          for (const stream of streams) if (stream.startsWith('customer-')) this.forget(stream.slice(9));
        })
      : () => {};
  }

  /** The summary the caller may see (NOT_FOUND, NO_ACCESS as `readCustomerSummary`). */
  async summary(customerId: string, actor: Actor, now: Date): Promise<CustomerSummary> {
    return summariseCustomer(this.store, await this.record(customerId), this.protector, actor, now);
  }

  onModuleDestroy(): void {
    this.unwatch();
    this.kept.clear();
  }

  private async record(customerId: string, at = Date.now()): Promise<CustomerRecord> {
    if (!this.options.cache) return loadCustomerRecord(this.store, customerId);
    const kept = this.kept.get(customerId);
    if (kept && at - kept.at < this.ttlMs) return kept.record;
    const pending = this.loading.get(customerId);
    if (pending) return pending.promise;
    const loading: Loading = { promise: loadCustomerRecord(this.store, customerId), stale: false };
    this.loading.set(customerId, loading);
    try {
      const record = await loading.promise;
      if (!loading.stale) this.keep(customerId, record, at);
      return record;
    } finally {
      if (this.loading.get(customerId) === loading) this.loading.delete(customerId);
    }
  }

  private keep(customerId: string, record: CustomerRecord, at: number): void {
    this.kept.delete(customerId);
    if (this.kept.size >= this.limit) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(customerId, { record, at });
  }

  private forget(customerId: string): void {
    this.kept.delete(customerId);
    const loading = this.loading.get(customerId);
    if (loading) {
      loading.stale = true;
      this.loading.delete(customerId);
    }
  }
}
