import { randomUUID } from 'node:crypto';
import { type EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';
import { deriveEventId } from '../../envelope/envelope';
import type { AppendResult } from '../../store/event-store';
import { decodeRecord } from './esdb-events';
import { ATTEMPT_EVENT_TYPE, type StreamNaming } from './esdb-filters';
import { eventAt, readOrEmpty } from './esdb-reads';

/** An append the command is about to make: its events, if they land, occupy exactly these revisions. */
export interface Attempt {
  stream: string;
  firstRevision: number;
  count: number;
  /** The caller's receipt (AppendOptions.receipt), handed back with the first result. */
  receipt?: string;
  /**
   * The id of the attempt's last event, when it was not derived from the command id: a command
   * imported from another store (whose events kept the ids they were given there).
   */
  lastEventId?: string;
}

export interface AttemptLog {
  attempts: Attempt[];
  /** The command stream's last revision, to append the next attempt after; undefined: no stream yet. */
  revision: bigint | undefined;
}

/**
 * The ledger's own idempotency record: commandId → first result, kept write-ahead in a stream per
 * command (`command-<commandId>`). Before appending its events, a command records the attempt (which
 * stream, which revisions); the first result is the attempt whose events landed. An attempt's events
 * carry ids derived from the command id, so "landed" is checked exactly: the event at the attempt's
 * last revision has the id the command would have given it. Appends carry exact expected revisions,
 * so an attempt either landed at those revisions or never will once another event holds them.
 *
 * Why write-ahead rather than recording the result after the append: a crash between the append and
 * the record would otherwise leave events with no record, and a retry after someone else extended the
 * stream would append them a second time. The server's own dedup on event ids only backs this up: it
 * is best effort (an `any` append is checked against a cache, not the stream).
 */
export class CommandLog {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly naming: StreamNaming,
  ) {}

  async read(commandId: string): Promise<AttemptLog> {
    const events = await readOrEmpty(this.client, this.naming.commandStream(commandId), {});
    const attempts = events.flatMap((event) => {
      const attempt = event.type === ATTEMPT_EVENT_TYPE ? parseAttempt(event.data) : undefined;
      return attempt ? [attempt] : [];
    });
    return { attempts, revision: events.at(-1)?.revision };
  }

  /** Appends an attempt after `revision`; throws the client's WrongExpectedVersionError on a race. */
  async record(commandId: string, attempt: Attempt, revision: bigint | undefined): Promise<bigint> {
    const result = await this.client.appendToStream(
      this.naming.commandStream(commandId),
      // Random ids: two racing retries must not have their different attempts merged by the server.
      jsonEvent({ id: randomUUID(), type: ATTEMPT_EVENT_TYPE, data: { ...attempt } }),
      { expectedRevision: revision ?? NO_STREAM },
    );
    return result.nextExpectedRevision;
  }

  /** The first result: the attempt whose events are in the store, and what it wrote. */
  async landed(
    commandId: string,
    attempts: readonly Attempt[],
  ): Promise<{ attempt: Attempt; result: AppendResult } | undefined> {
    const checked = new Set<string>();
    for (const attempt of attempts) {
      if (checked.has(attemptKey(attempt))) continue;
      checked.add(attemptKey(attempt));
      const last = attempt.firstRevision + attempt.count - 1;
      const event = await eventAt(this.client, this.naming.toServer(attempt.stream), last);
      if (event?.id === (attempt.lastEventId ?? deriveEventId(commandId, attempt.count - 1))) {
        const { position } = decodeRecord(event, this.naming);
        const result: AppendResult = { stream: attempt.stream, revision: last, position, duplicate: true };
        return {
          attempt,
          result: attempt.receipt === undefined ? result : { ...result, receipt: attempt.receipt },
        };
      }
    }
    return undefined;
  }
}

export function attemptKey({ stream, firstRevision, count }: Attempt): string {
  return `${stream}@${firstRevision}+${count}`;
}

function parseAttempt(data: unknown): Attempt | undefined {
  const { stream, firstRevision, count, receipt, lastEventId } = (data ?? {}) as Partial<Attempt>;
  if (typeof stream !== 'string' || !Number.isSafeInteger(firstRevision) || !Number.isSafeInteger(count)) {
    return undefined;
  }
  const attempt: Attempt = { stream, firstRevision: firstRevision as number, count: count as number };
  if (typeof receipt === 'string') attempt.receipt = receipt;
  if (typeof lastEventId === 'string') attempt.lastEventId = lastEventId;
  return attempt;
}
