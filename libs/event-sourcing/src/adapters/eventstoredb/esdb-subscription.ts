import type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  Position as EsdbPosition,
} from '@eventstore/db-client';
import type { RecordedEvent } from '../../envelope/envelope';
import type { Position, Subscription } from '../../store/event-store';
import { decodePosition } from './esdb-positions';
import { isTransientError } from './esdb-revisions';

const HIGH_WATER = 512;
const RETRY_MS = [50, 100, 250, 500, 1000, 2000];

export interface CatchUpSource {
  /** Opens a server catch-up subscription to `$all` strictly after `from` (from the start if undefined). */
  open(from: EsdbPosition | undefined): AllStreamSubscription;
  /** The port's event for a server event, or undefined for one the subscription does not deliver. */
  decode(resolved: AllStreamResolvedEvent): RecordedEvent | undefined;
}

/**
 * A catch-up subscription to `$all` that survives the connection: when the server goes away it first
 * hands over what the dead connection had already received, then reopens strictly after the last
 * position it delivered (the server's subscription positions are exclusive). So nothing is lost and
 * nothing is delivered twice. Ordered, unlike a persistent subscription.
 */
export function catchUpSubscription(source: CatchUpSource, after: Position | undefined): Subscription {
  let closed = false;
  let pump: Pump | undefined;
  let wakeRetry: (() => void) | undefined;

  async function* events(): AsyncGenerator<RecordedEvent> {
    let position = after;
    let failures = 0;
    while (!closed) {
      const current = new Pump(source.open(position === undefined ? undefined : decodePosition(position)));
      pump = current;
      try {
        for (let resolved = await current.next(); resolved; resolved = await current.next()) {
          failures = 0;
          const event = source.decode(resolved);
          if (!event) continue;
          position = event.position;
          yield event;
        }
      } catch (error) {
        if (!closed && !isTransientError(error)) throw error;
      } finally {
        current.close();
      }
      if (closed) return;
      const delay = RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)];
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wakeRetry = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeRetry = undefined;
    }
  }

  const iterator = events();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close() {
      closed = true;
      pump?.close();
      wakeRetry?.();
      void iterator.return(undefined);
    },
  };
}

/** A Readable as a pull-based queue with backpressure, that can be closed from outside while awaited. */
class Pump {
  private readonly queue: AllStreamResolvedEvent[] = [];
  private failure: unknown;
  private ended = false;
  private waiting: (() => void) | undefined;

  constructor(private readonly stream: AllStreamSubscription) {
    stream.on('data', (item: AllStreamResolvedEvent) => {
      this.queue.push(item);
      if (this.queue.length >= HIGH_WATER) stream.pause();
      this.wake();
    });
    stream.on('error', (error) => {
      this.failure ??= error;
      this.wake();
    });
    stream.on('close', () => this.end());
    stream.on('end', () => this.end());
  }

  /** The next item; undefined once the stream ended or was closed; throws what the stream failed with. */
  async next(): Promise<AllStreamResolvedEvent | undefined> {
    for (;;) {
      const item = this.queue.shift();
      if (item) {
        if (this.queue.length < HIGH_WATER / 2) this.stream.resume();
        return item;
      }
      if (this.failure) throw this.failure;
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
    }
  }

  close(): void {
    if (!this.ended) void this.stream.unsubscribe().catch(() => undefined);
    this.queue.length = 0;
    this.end();
  }

  private end(): void {
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }
}
