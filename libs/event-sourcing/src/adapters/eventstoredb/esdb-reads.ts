import {
  BACKWARDS,
  END,
  type Position as EsdbPosition,
  type RecordedEvent as EsdbRecordedEvent,
  StreamNotFoundError as EsdbStreamNotFoundError,
  type EventStoreDBClient,
  FORWARDS,
  START,
} from '@eventstore/db-client';
import type { AllFilter } from './esdb-filters';

const BACKWARD_PAGE = 100n;
/** A catch-up read that hears nothing at all (no event, no checkpoint) for this long has stalled. */
const IDLE_MS = 15_000;

export async function readStreamEvents(
  client: EventStoreDBClient,
  stream: string,
  options: { backwards?: boolean; from?: number; limit?: number },
): Promise<EsdbRecordedEvent[]> {
  const events: EsdbRecordedEvent[] = [];
  const read = client.readStream(stream, {
    direction: options.backwards ? BACKWARDS : FORWARDS,
    fromRevision: options.from === undefined ? (options.backwards ? END : START) : BigInt(options.from),
    maxCount: options.limit ?? Number.MAX_SAFE_INTEGER,
  });
  for await (const resolved of read) if (resolved.event) events.push(resolved.event);
  return events;
}

/** The stream's last event, or undefined when the stream has none. */
export async function lastEvent(
  client: EventStoreDBClient,
  stream: string,
): Promise<EsdbRecordedEvent | undefined> {
  return (await readOrEmpty(client, stream, { backwards: true, limit: 1 }))[0];
}

/** The event at exactly this revision, or undefined. */
export async function eventAt(
  client: EventStoreDBClient,
  stream: string,
  revision: number,
): Promise<EsdbRecordedEvent | undefined> {
  const [event] = await readOrEmpty(client, stream, { from: revision, limit: 1 });
  return event && event.revision === BigInt(revision) ? event : undefined;
}

export async function readOrEmpty(
  client: EventStoreDBClient,
  stream: string,
  options: { backwards?: boolean; from?: number; limit?: number },
): Promise<EsdbRecordedEvent[]> {
  try {
    return await readStreamEvents(client, stream, options);
  } catch (error) {
    if (error instanceof EsdbStreamNotFoundError) return [];
    throw error;
  }
}

/**
 * Reads `$all` strictly after `from`, filtered on the server, up to `limit` accepted events.
 *
 * The v6 client's readAll cannot send a filter, so this opens a filtered catch-up subscription and
 * stops at the server's "caught up" message (EventStoreDB 23.10+, EventStore/EventStore pull request
 * 3899; KurrentDB sends it too). Catch-up subscriptions start after the position they are given,
 * which is the port's `after` exactly: "The positions provided to the subscriptions are exclusive"
 * (https://docs.kurrent.io/clients/dotnet/v1.0/subscriptions.html).
 */
export function readAllFiltered(
  client: EventStoreDBClient,
  options: { from?: EsdbPosition; limit?: number; filter: AllFilter },
): Promise<EsdbRecordedEvent[]> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const accepted: EsdbRecordedEvent[] = [];
  if (limit <= 0) return Promise.resolve(accepted);
  return new Promise((resolve, reject) => {
    let received = 0;
    let caughtUpAt = Number.POSITIVE_INFINITY;
    let done = false;
    let idle: NodeJS.Timeout | undefined;
    const subscription = client.subscribeToAll({
      fromPosition: options.from ?? START,
      filter: { ...options.filter.server, checkpointReached: () => touch() },
    });
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      clearTimeout(idle);
      subscription.removeAllListeners('data');
      subscription.unsubscribe().catch(() => undefined);
      if (error) reject(error);
      else resolve(accepted);
    };
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(
        () =>
          finish(new Error('no caught-up signal from the server: KurrentDB/EventStoreDB 23.10+ is needed')),
        IDLE_MS,
      );
    };
    touch();
    subscription.on('data', ({ event }: { event?: EsdbRecordedEvent }) => {
      if (done) return;
      received += 1;
      touch();
      if (received > caughtUpAt) return finish();
      if (event && options.filter.accepts(event)) accepted.push(event);
      if (accepted.length >= limit || received >= caughtUpAt) finish();
    });
    // Emitted while the message is transformed, after every earlier event was pushed: those already
    // handed to us plus those still buffered in the stream are exactly the events before "caught up".
    subscription.on('caughtUp', () => {
      caughtUpAt = received + subscription.readableLength;
      if (received >= caughtUpAt) finish();
    });
    subscription.on('error', (error) => finish(error));
    subscription.on('close', () => finish(new Error('the server ended the read before catching up')));
  });
}

/** The newest accepted event in `$all`, reading backwards page by page past system events. */
export async function lastAccepted(
  client: EventStoreDBClient,
  accepts: AllFilter['accepts'],
): Promise<EsdbRecordedEvent | undefined> {
  let from: EsdbPosition | typeof END = END;
  for (;;) {
    let count = 0n;
    let oldest: EsdbPosition | undefined;
    const read = client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: BACKWARD_PAGE });
    for await (const { event } of read) {
      count += 1n;
      if (!event) continue;
      if (accepts(event)) {
        // Leaving early must cancel the call: one left half-read stays open and stalls dispose().
        await read.cancel();
        return event;
      }
      oldest = event.position;
    }
    if (count < BACKWARD_PAGE || !oldest) return undefined;
    from = oldest;
  }
}
