import { EventStore, StreamNotFoundError } from '@ledger/event-sourcing';
import { type AccountEvent, type AccountState, accountStream, accounts } from '@ledger/ledger';
import { Injectable } from '@nestjs/common';

/**
 * The account's current state in the ledger decides what a token may do, so it is read from the
 * account's stream on every request: a terminated account is refused from the next request on.
 */
@Injectable()
export class AccountDirectory {
  constructor(private readonly store: EventStore) {}

  async get(accountId: string): Promise<AccountState | undefined> {
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
