import { type EventStore, StreamNotFoundError } from '@ledger/event-sourcing';

/** A record's current state, folded from its stream; a stream with no events folds to the initial state. */
export async function readState<State>(
  store: EventStore,
  stream: string,
  category: { initialState(): State; evolve(state: State, event: never): State },
): Promise<State> {
  try {
    const events = await store.readStream(stream);
    return events.reduce((s, e) => category.evolve(s, e as never), category.initialState());
  } catch (error) {
    if (error instanceof StreamNotFoundError) return category.initialState();
    throw error;
  }
}
