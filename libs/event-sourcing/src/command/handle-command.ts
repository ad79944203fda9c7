import type { RecordedEvent } from '../envelope/envelope';
import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../store/event-store';
import type { CommandContext, Decider, DomainEvent } from './decider';

export interface HandleOptions {
  /** The revision the caller saw (HTTP `If-Match`): a conflict is then the caller's to resolve, not retried. */
  expectedRevision?: number;
  retries?: number;
  /** Text to keep with the command id (see AppendOptions.receipt), built once the events are decided. */
  receipt?: (events: readonly DomainEvent[]) => string;
  /**
   * The stream is named by an id minted for this command, so the first attempt decides on an empty history
   * without reading it. A wrong guess costs nothing but a retry: the append expects no stream, so it fails
   * with WrongExpectedRevisionError and the next attempt reads. Ignored with `expectedRevision` (no retry).
   */
  presumeEmpty?: boolean;
  /**
   * The command id was minted for this request (no Idempotency-Key), so no earlier command has it and the
   * replay lookup is skipped. The store still answers an id it has seen as a duplicate.
   */
  mintedCommandId?: boolean;
}

export interface Handled<State> extends AppendResult {
  state: State;
  events: DomainEvent[];
}

/**
 * Read → fold → decide → append, retried a few times when another command wrote the stream in between.
 * A decision with no events appends nothing and answers the stream's current revision.
 */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  stream: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  context: CommandContext,
  options: HandleOptions = {},
): Promise<Handled<State>> {
  const earlier = options.mintedCommandId ? undefined : await store.findCommand(context.commandId);
  const retries = options.expectedRevision === undefined ? (options.retries ?? 3) : 0;
  const presume = !!options.presumeEmpty && !earlier && retries > 0;
  for (let attempt = 0; ; attempt++) {
    const presumed = presume && attempt === 0;
    const history = presumed ? [] : await readOrEmpty(store, stream);
    const state = history.reduce((s, e) => decider.evolve(s, e as unknown as Event), decider.initialState());
    const current = history.at(-1);
    if (earlier) return { ...earlier, state, events: [] };
    if (options.expectedRevision !== undefined && options.expectedRevision !== (current?.revision ?? -1)) {
      throw new WrongExpectedRevisionError(
        stream,
        options.expectedRevision,
        current?.revision ?? 'no_stream',
      );
    }
    let events: Event[];
    try {
      events = decider.decide(command, state, context);
    } catch (error) {
      if (presumed) continue; // a refusal of the guessed state is no refusal: decide on the real one
      throw error;
    }
    // No events to append means no append to refute the guess either.
    if (events.length === 0 && presumed) continue;
    if (events.length === 0) {
      if (!current) throw new StreamNotFoundError(stream);
      return {
        stream,
        revision: current.revision,
        position: current.position,
        duplicate: false,
        state,
        events,
      };
    }
    const expectedRevision: ExpectedRevision = current ? current.revision : 'no_stream';
    try {
      const result = await store.append(stream, events, {
        expectedRevision,
        receipt: options.receipt?.(events),
        metadata: {
          actor: context.actor,
          commandId: context.commandId,
          correlationId: context.correlationId,
          causationId: context.causationId,
          workReason: context.workReason,
          occurredAt: context.occurredAt,
        },
      });
      return { ...result, state: events.reduce(decider.evolve, state), events };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= retries) throw error;
    }
  }
}

async function readOrEmpty(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(stream);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}
