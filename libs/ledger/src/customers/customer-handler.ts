import { EventStore } from '@ledger/event-sourcing';
import { PersonalDataProtector, SsnHasher } from '@ledger/security';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Decide, execute } from '../shared/execute';
import type { CommandOutcome, LedgerCommand, Warning } from '../shared/ledger-command';
import { type CustomerEvent, type CustomerState, customerStream, customers } from './customer';

export interface Preparation {
  store: EventStore;
  /** Seals free text about the customer under their key (security.md "Personal data at rest"). */
  seal(value: unknown): ReturnType<PersonalDataProtector['sealFor']>;
  /** The SSN reduced to its keyed hash and last four digits: it is never stored. */
  protectSsn(ssn: string): { ssnHash: string; ssnLast4: string };
}

type CommandClass<Payload> = new (...args: never[]) => LedgerCommand<Payload>;

/**
 * The handler of a use case on a customer's stream: `prepare` seals the command's personal data and reads
 * the facts its decision needs from other streams, then the usual read → decide → append.
 */
export function customerHandler<Payload extends { customerId: string }, Decision>(
  command: CommandClass<Payload>,
  prepare: (payload: Payload, with_: Preparation) => Promise<Decision>,
  decide: Decide<Decision, CustomerEvent, CustomerState>,
  answer: (payload: Payload) => { id: string; warnings?: Warning[]; [subResourceId: string]: unknown },
) {
  @CommandHandler(command)
  class CustomerCommandHandler implements ICommandHandler<LedgerCommand<Payload>, CommandOutcome> {
    constructor(
      readonly store: EventStore,
      readonly protector: PersonalDataProtector,
      readonly ssn: SsnHasher,
    ) {}

    async execute(c: LedgerCommand<Payload>): Promise<CommandOutcome> {
      const { customerId } = c.payload;
      const decision = await prepare(c.payload, {
        store: this.store,
        seal: (value) => this.protector.sealFor(customerId, value),
        protectSsn: (ssn) => this.ssn.protect(ssn),
      });
      const prepared = { ...c, payload: decision } as unknown as LedgerCommand<Decision>;
      return execute(this.store, customerStream(customerId), customers, decide, prepared, answer(c.payload));
    }
  }
  Object.defineProperty(CustomerCommandHandler, 'name', { value: `${command.name}Handler` });
  return CustomerCommandHandler;
}
