import type { EventStore, Position } from '../store/event-store';

export interface Lag {
  /** Events in the store after the checkpoint (counted up to 1,000,000). */
  eventsBehind: number;
  /** How long the oldest event not yet applied has been in the store; 0 when caught up. */
  secondsBehind: number;
}

export interface ProjectionStatus extends Lag {
  name: string;
  version: number;
  generation: number;
  position: Position | undefined;
  /** `rebuilding`: queries answer from the live generation while `rebuild` catches up. */
  state: 'live' | 'rebuilding' | 'stopped';
  /** The last failure of a batch that is being retried; cleared by the next commit. */
  lastError?: string;
  rebuild?: { generation: number; version: number; position: Position | undefined; eventsBehind: number };
}

const COUNT_CAP = 1_000_000;

export async function lagOf(
  store: EventStore,
  position: Position | undefined,
  head: Position | undefined,
  now: Date,
): Promise<Lag> {
  if (!head || (position && store.comparePositions(position, head) >= 0)) {
    return { eventsBehind: 0, secondsBehind: 0 };
  }
  const [oldest] = await store.readAll({ after: position, limit: 1 });
  const waited = oldest ? (now.getTime() - Date.parse(oldest.metadata.recordedAt)) / 1000 : 0;
  return {
    eventsBehind: await store.countEvents({ after: position, upTo: head, cap: COUNT_CAP }),
    secondsBehind: Math.max(0, waited),
  };
}
