import { EventStore, StreamNotFoundError } from '@ledger/event-sourcing';
import { type AccountEvent, type AccountState, accountStream, accounts } from '@ledger/ledger';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';

/** How long a cached account may miss a change made by another process (the CLI's sweep). */
const TTL_MS = 1000;
const LIMIT = 50_000;

/**
 * The account's current state in the ledger decides what a token may do. States are cached briefly: a
 * change made through this process drops the entry at its commit, before the command is answered, so a
 * terminated account is refused from its next request on; other processes' changes show within TTL_MS.
 */
@Injectable()
export class AccountDirectory implements OnModuleDestroy {
  private readonly cache = new Map<string, { state: AccountState | undefined; at: number }>();
  private readonly unwatch: () => void;

  constructor(private readonly store: EventStore) {
    this.unwatch = store.onAppended((streams) => {
      for (const stream of streams) if (stream.startsWith('account-')) this.cache.delete(stream.slice(8));
    });
  }

  async get(accountId: string, now = Date.now()): Promise<AccountState | undefined> {
    const cached = this.cache.get(accountId);
    if (cached && now - cached.at < TTL_MS) return cached.state;
    const state = await this.read(accountId);
    if (this.cache.size >= LIMIT) this.cache.clear();
    this.cache.set(accountId, { state, at: now });
    return state;
  }

  onModuleDestroy(): void {
    this.unwatch();
  }

  private async read(accountId: string): Promise<AccountState | undefined> {
    try {
      const events = await this.store.readStream(accountStream(accountId));
      return events.reduce(
        (s, e) => accounts.evolve(s, e as unknown as AccountEvent),
        accounts.initialState(),
      );
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }
}
