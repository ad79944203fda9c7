import { type DomainEvent, EventStore, StreamNotFoundError } from '@ledger/event-sourcing';
import { MissingKeyError, PersonalDataProtector, type Sealed, SsnHasher } from '@ledger/security';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CustomerFile } from '../customer-files/customer-file';
import { LedgerIndex } from '../customer-files/ledger-index';
import { DomainError, refuse } from './domain-error';
import { type Category, type Decide, execute } from './execute';
import type { CommandOutcome, LedgerCommand, Warning } from './ledger-command';
import { RuleSettings } from './rule-settings';

export interface Preparation<State> {
  store: EventStore;
  /** The customer's records across partners, caught up, while this customer's commands wait their turn. */
  file: CustomerFile;
  index: LedgerIndex;
  settings: RuleSettings;
  /** The ledger's time of the command. */
  now: Date;
  /** The record's state before the command (to find its customer, or facts the decision needs). */
  state: State;
  /** Seals free text about the customer under their key (security.md "Personal data at rest"). */
  seal(value: unknown): Promise<Sealed>;
  /** The SSN reduced to its keyed hash and last four digits: it is never stored. */
  protectSsn(ssn: string): { ssnHash: string; ssnLast4: string };
}

type CommandClass<Payload> = new (...args: never[]) => LedgerCommand<Payload>;

export interface RecordUseCase<Payload, Decision, Event extends DomainEvent, State> {
  command: CommandClass<Payload>;
  stream(payload: Payload): string;
  category: Category<Event, State>;
  /** Whose personal data the command carries: from the payload, or from the record's state. */
  customerOf(payload: Payload, state: State): string | undefined;
  prepare(payload: Payload, with_: Preparation<State>): Promise<Decision>;
  decide: Decide<Decision, Event, State>;
  answer(
    payload: Payload,
    decision: Decision,
  ): { id: string; warnings?: Warning[]; [subResourceId: string]: unknown };
}

/**
 * The handler of a use case on a record about a customer: `prepare` seals the command's personal data and
 * reads the facts the decision needs from other streams; then the usual read → decide → append. Commands on
 * one customer's records run one at a time (LedgerIndex.forCustomer), so rules across records hold.
 */
export function recordHandler<Payload, Decision, Event extends DomainEvent, State>(
  useCase: RecordUseCase<Payload, Decision, Event, State>,
) {
  @CommandHandler(useCase.command)
  class RecordCommandHandler implements ICommandHandler<LedgerCommand<Payload>, CommandOutcome> {
    constructor(
      readonly store: EventStore,
      readonly protector: PersonalDataProtector,
      readonly ssn: SsnHasher,
      readonly index: LedgerIndex,
      readonly settings: RuleSettings,
    ) {}

    async execute(c: LedgerCommand<Payload>): Promise<CommandOutcome> {
      const stream = useCase.stream(c.payload);
      const state = await this.read(stream);
      const customerId = useCase.customerOf(c.payload, state);
      if (!customerId) throw new DomainError('NOT_FOUND', `${stream} does not exist`, 404);
      return this.index.forCustomer(customerId, async (file) => {
        const decision = await useCase.prepare(c.payload, {
          store: this.store,
          file,
          index: this.index,
          settings: this.settings,
          now: c.context.now,
          state,
          seal: (value) => this.sealFor(customerId, value),
          protectSsn: (ssn) => this.ssn.protect(ssn),
        });
        const prepared = { ...c, payload: decision } as unknown as LedgerCommand<Decision>;
        const answer = useCase.answer(c.payload, decision);
        return execute(this.store, stream, useCase.category, useCase.decide, prepared, answer);
      });
    }

    /** A customer with no key was never registered (or was erased): the rule's answer, not a crash. */
    private async sealFor(customerId: string, value: unknown): Promise<Sealed> {
      try {
        return await this.protector.sealFor(customerId, value);
      } catch (error) {
        if (error instanceof MissingKeyError)
          throw refuse('CUSTOMER_NOT_FOUND', `customer ${customerId} does not exist`);
        throw error;
      }
    }

    private async read(stream: string): Promise<State> {
      try {
        const events = await this.store.readStream(stream);
        return events.reduce(
          (s, e) => useCase.category.evolve(s, e as unknown as Event),
          useCase.category.initialState(),
        );
      } catch (error) {
        if (error instanceof StreamNotFoundError) return useCase.category.initialState();
        throw error;
      }
    }
  }
  Object.defineProperty(RecordCommandHandler, 'name', { value: `${useCase.command.name}Handler` });
  return RecordCommandHandler;
}
