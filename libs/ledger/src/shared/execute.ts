import { type DomainEvent, type EventStore, handleCommand } from '@ledger/event-sourcing';
import type { CommandOutcome, LedgerCommand, Warning } from './ledger-command';

export interface Category<Event extends DomainEvent, State> {
  initialState(): State;
  evolve(state: State, event: Event): State;
}

export type Decide<Payload, Event extends DomainEvent, State> = (
  payload: Payload,
  state: State,
  context: LedgerCommand<Payload>['context'],
) => Event[];

interface Receipt {
  fingerprint?: string;
  answer: { id: string; warnings: Warning[]; [subResourceId: string]: unknown };
}

/**
 * The read → decide → append shell every handler uses. The answer (id, warnings, sub-resource ids) is kept
 * with the command id in the same transaction as the events, so a replayed request gets it back exactly.
 */
export async function execute<Payload, Event extends DomainEvent, State>(
  store: EventStore,
  stream: string,
  category: Category<Event, State>,
  decide: Decide<Payload, Event, State>,
  command: LedgerCommand<Payload>,
  answer: { id: string; warnings?: Warning[]; [subResourceId: string]: unknown },
  options: { presumeEmpty?: boolean } = {},
): Promise<CommandOutcome> {
  const receipt: Receipt = { fingerprint: command.options.fingerprint, answer: { warnings: [], ...answer } };
  const result = await handleCommand(
    store,
    stream,
    { ...category, decide },
    command.payload,
    command.context,
    {
      expectedRevision: command.options.expectedRevision,
      receipt: () => JSON.stringify(receipt),
      presumeEmpty: options.presumeEmpty,
      mintedCommandId: command.options.commandIdMinted,
    },
  );
  const recorded: Receipt =
    result.duplicate && result.receipt ? (JSON.parse(result.receipt) as Receipt) : receipt;
  const { id, warnings, ...rest } = recorded.answer;
  const outcome: CommandOutcome = {
    answer: { id, revision: result.revision, position: result.position, warnings, ...rest },
  };
  if (result.duplicate) outcome.replayOf = { fingerprint: recorded.fingerprint };
  return outcome;
}
