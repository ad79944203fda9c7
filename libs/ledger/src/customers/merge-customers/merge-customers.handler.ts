import { EventStore } from '@ledger/event-sourcing';
import { PersonalDataProtector } from '@ledger/security';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerIndex } from '../../customer-files/ledger-index';
import { execute } from '../../shared/execute';
import { LedgerCommand } from '../../shared/ledger-command';
import { readState } from '../../shared/read-state';
import { type CustomerEvent, customerStream, customers } from '../customer';
import { decideMerge, decideUndoMerge, MergeCustomers } from './merge-customers.command';

export class UndoMerge extends LedgerCommand<{ customerId: string; duplicateId: string; reason: string }> {}

interface Services {
  store: EventStore;
  protector: PersonalDataProtector;
  index: LedgerIndex;
}

/**
 * Merges touch two customers: both are read, the decision is made once, and the duplicate's stream is
 * written first, so a merge half done is seen from the duplicate's side and finished by repeating the
 * command. Each append carries its own command id, derived from the request's.
 */
function twoCustomers(services: Services, command: MergeCustomers | UndoMerge, decide: typeof decideMerge) {
  const { store, protector, index } = services;
  const { customerId, duplicateId } = command.payload;
  const on = (id: string, events: CustomerEvent[], part: string) => {
    const context = { ...command.context, commandId: `${command.context.commandId}/${part}` };
    return execute(store, customerStream(id), customers, () => events, { ...command, context } as never, {
      id: customerId,
    });
  };
  return index.forCustomer(customerId, async () => {
    if (await store.findCommand(`${command.context.commandId}/survivor`))
      return on(customerId, [], 'survivor');
    const survivor = await readState(store, customerStream(customerId), customers);
    const duplicate = await readState(store, customerStream(duplicateId), customers);
    const events = decide(
      survivor,
      duplicate,
      duplicateId,
      await protector.sealFor(customerId, command.payload.reason),
    );
    await on(duplicateId, events.duplicate, 'duplicate');
    return on(customerId, events.survivor, 'survivor');
  });
}

@CommandHandler(MergeCustomers)
export class MergeCustomersHandler implements ICommandHandler<MergeCustomers> {
  constructor(
    readonly store: EventStore,
    readonly protector: PersonalDataProtector,
    readonly index: LedgerIndex,
  ) {}

  execute(command: MergeCustomers) {
    return twoCustomers(this, command, decideMerge);
  }
}

@CommandHandler(UndoMerge)
export class UndoMergeHandler implements ICommandHandler<UndoMerge> {
  constructor(
    readonly store: EventStore,
    readonly protector: PersonalDataProtector,
    readonly index: LedgerIndex,
  ) {}

  execute(command: UndoMerge) {
    return twoCustomers(this, command, decideUndoMerge);
  }
}
