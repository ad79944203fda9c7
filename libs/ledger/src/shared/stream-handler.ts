import { type DomainEvent, EventStore } from '@ledger/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Category, type Decide, execute } from './execute';
import type { CommandOutcome, LedgerCommand, Warning } from './ledger-command';

type CommandClass<Payload> = new (...args: never[]) => LedgerCommand<Payload>;

/**
 * The thin handler of a use case that reads one stream, decides and appends: which stream, which decision,
 * and what the answer names. Use cases that read other streams first write their own handler.
 */
export function streamHandler<Payload, Event extends DomainEvent, State>(
  command: CommandClass<Payload>,
  stream: (payload: Payload) => string,
  category: Category<Event, State>,
  decide: Decide<Payload, Event, State>,
  answer: (payload: Payload) => { id: string; warnings?: Warning[]; [subResourceId: string]: unknown },
) {
  @CommandHandler(command)
  class StreamCommandHandler implements ICommandHandler<LedgerCommand<Payload>, CommandOutcome> {
    constructor(readonly store: EventStore) {}

    execute(c: LedgerCommand<Payload>): Promise<CommandOutcome> {
      return execute(this.store, stream(c.payload), category, decide, c, answer(c.payload));
    }
  }
  Object.defineProperty(StreamCommandHandler, 'name', { value: `${command.name}Handler` });
  return StreamCommandHandler;
}
