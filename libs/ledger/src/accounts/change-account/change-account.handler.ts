import { EventStore } from '@ledger/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { readPartner } from '../../partners/read-partner';
import { execute } from '../../shared/execute';
import { type AccountEvent, type AccountState, accountStream, accounts } from '../account';
import { ChangeAccount, decideChangeAccount } from './change-account.command';

@CommandHandler(ChangeAccount)
export class ChangeAccountHandler implements ICommandHandler<ChangeAccount> {
  constructor(private readonly store: EventStore) {}

  async execute(command: ChangeAccount) {
    const { accountId } = command.payload;
    const account = await this.account(accountId);
    const partner = account.partnerId ? await readPartner(this.store, account.partnerId) : undefined;
    const activeSecurityOfficers = await this.activeSecurityOfficers();
    const decision = {
      ...command,
      payload: { ...command.payload, partner, activeSecurityOfficers },
    } as never;
    return execute(this.store, accountStream(accountId), accounts, decideChangeAccount, decision, {
      id: accountId,
    });
  }

  private async account(accountId: string): Promise<AccountState> {
    const events = await this.store.readStream(accountStream(accountId)).catch(() => []);
    return events.reduce((s, e) => accounts.evolve(s, e as unknown as AccountEvent), accounts.initialState());
  }

  /** Accounts are few (staff, not customers): folding them all for this rare rule is cheap enough. */
  private async activeSecurityOfficers(): Promise<number> {
    const states = new Map<string, AccountState>();
    for (const event of await this.store.readAll({ filter: { categories: ['account'] } })) {
      const state = states.get(event.stream) ?? accounts.initialState();
      states.set(event.stream, accounts.evolve(state, event as unknown as AccountEvent));
    }
    return [...states.values()].filter((s) => s.status === 'active' && s.roles.includes('security-officer'))
      .length;
  }
}
