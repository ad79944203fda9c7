import { EventStore } from '@ledger/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { readPartner } from '../../partners/read-partner';
import { execute } from '../../shared/execute';
import { accountStream, accounts } from '../account';
import { decideRequestAccount, RequestAccount } from './request-account.command';

@CommandHandler(RequestAccount)
export class RequestAccountHandler implements ICommandHandler<RequestAccount> {
  constructor(private readonly store: EventStore) {}

  async execute(command: RequestAccount) {
    const { accountId, partnerId } = command.payload;
    const partner = partnerId ? await readPartner(this.store, partnerId) : undefined;
    const decision = { ...command, payload: { ...command.payload, partner } } as never;
    return execute(this.store, accountStream(accountId), accounts, decideRequestAccount, decision, {
      id: accountId,
    });
  }
}
