import { type DomainEvent, type EventStore, StreamNotFoundError } from '@ledger/event-sourcing';
import type { FastifyReply } from 'fastify';
import { fail } from './problem';

/** A record built from one stream, answered with `ETag: "<revision>"` (api.md "Records"), or 404. */
export async function readRecord<State>(
  store: EventStore,
  stream: string,
  category: { initialState(): State; evolve(state: State, event: never): State },
  reply: FastifyReply,
): Promise<State> {
  try {
    const events = await store.readStream(stream);
    reply.header('ETag', `"${events[events.length - 1].revision}"`);
    return events.reduce((s, e) => category.evolve(s, e as DomainEvent as never), category.initialState());
  } catch (error) {
    if (error instanceof StreamNotFoundError)
      throw fail(404, `${stream} does not exist`, { code: 'NOT_FOUND' });
    throw error;
  }
}
