import { setTimeout as sleep } from 'node:timers/promises';
import {
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  EventStoreDBClient,
  START,
} from '@eventstore/db-client';
import type { RecordedEvent, StoredRecord } from '../../envelope/envelope';
import {
  type AppendOptions,
  type AppendResult,
  EventStore,
  expectedRevisionMatches,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type Subscription,
  WrongExpectedRevisionError,
} from '../../store/event-store';
import { CommandLog } from './esdb-command-log';
import {
  decodeRecord,
  openLedgerRecord,
  requireLedger,
  sealBatch,
  toEsdbEvent,
  toStoredRecord,
} from './esdb-events';
import { allFilter, StreamNaming } from './esdb-filters';
import { compareEsdbPositions, decodePosition, encodePosition, parseEsdbPosition } from './esdb-positions';
import { lastAccepted, lastEvent, readAllFiltered, readOrEmpty, readStreamEvents } from './esdb-reads';
import { toEsdbExpectedRevision, toPortError, toRevision } from './esdb-revisions';
import { catchUpSubscription } from './esdb-subscription';

export interface EventStoreDbOptions {
  /** `esdb://host:2113?tls=false`, or `esdb+discover://…` for a cluster; or an already built client. */
  url?: string;
  client?: EventStoreDBClient;
  /** Keeps this ledger's streams (and its view of `$all`) apart from others on the same server. */
  streamPrefix?: string;
  clock?: () => Date;
  /** Rounds an `any`/`stream_exists` append may lose to concurrent writers before giving up. */
  maxAppendRounds?: number;
}

/**
 * The EventStore port on KurrentDB/EventStoreDB (23.10 or later) through `@eventstore/db-client`.
 * Streams map one to one; `$all` positions are the port's positions; the hash chain is the SQLite
 * adapter's, stored as each event's data; idempotency is the ledger's own record (esdb-command-log.ts).
 */
export class EventStoreDbEventStore extends EventStore {
  private readonly client: EventStoreDBClient;
  private readonly naming: StreamNaming;
  private readonly commands: CommandLog;
  private readonly clock: () => Date;
  private readonly maxAppendRounds: number;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(options: EventStoreDbOptions) {
    super();
    if (!options.client && !options.url)
      throw new TypeError('EventStoreDbEventStore needs a url or a client');
    this.client = options.client ?? EventStoreDBClient.connectionString(options.url as string);
    this.naming = new StreamNaming(options.streamPrefix);
    this.commands = new CommandLog(this.client, this.naming);
    this.clock = options.clock ?? (() => new Date());
    this.maxAppendRounds = options.maxAppendRounds ?? 50;
  }

  /**
   * Reads the stream's last event (its hash is the next prevHash), checks the expectation, records the
   * attempt, then appends with the exact revision it read, so the chain cannot fork. `any` and
   * `stream_exists` retry when another writer got in first; an exact expectation fails instead.
   */
  async append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) throw new Error('event store is closed');
    if (events.length === 0) throw new TypeError('append needs at least one event');
    const { expectedRevision: expected, metadata } = options;
    toEsdbExpectedRevision(expected);
    const target = this.naming.toServer(stream);
    let checkLog = false;
    let logRevision: bigint | undefined;
    for (let round = 0; round < this.maxAppendRounds; round++) {
      if (round > 0) await sleep(Math.random() * Math.min(100, 2 ** round));
      const head = await this.head(target);
      const matches = expectedRevisionMatches(expected, head?.revision);
      if (checkLog || !matches) {
        const log = await this.commands.read(metadata.commandId);
        const first = await this.commands.landed(metadata.commandId, log.attempts);
        if (first) return first;
        logRevision = log.revision;
      }
      if (!matches) throw new WrongExpectedRevisionError(stream, expected, head?.revision ?? 'no_stream');
      const sealed = sealBatch(stream, events, metadata, head, this.clock().toISOString());
      const attempt = { stream, firstRevision: sealed[0].revision, count: sealed.length };
      try {
        logRevision = await this.commands.record(metadata.commandId, attempt, logRevision);
      } catch (error) {
        if (!(error instanceof EsdbWrongExpectedVersionError)) throw error;
        checkLog = true;
        continue;
      }
      try {
        const written = await this.client.appendToStream(
          target,
          sealed.map((event) => toEsdbEvent(event, metadata)),
          { expectedRevision: toEsdbExpectedRevision(head ? head.revision : 'no_stream') },
        );
        if (!written.position) throw new Error(`append to ${stream}: the server sent no position`);
        const revision = toRevision(written.nextExpectedRevision);
        return { stream, revision, position: encodePosition(written.position), duplicate: false };
      } catch (error) {
        if (!(error instanceof EsdbWrongExpectedVersionError)) throw toPortError(error, stream);
        checkLog = true;
        if (expected === 'any' || expected === 'stream_exists') continue;
        // An exact expectation lost the race; it is a conflict unless a retry of this very command won.
        const first = await this.commands.landed(
          metadata.commandId,
          (await this.commands.read(metadata.commandId)).attempts,
        );
        if (first) return first;
        throw toPortError(error, stream);
      }
    }
    throw new Error(`append to ${stream}: still conflicting after ${this.maxAppendRounds} rounds`);
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    try {
      const events = await readStreamEvents(this.client, this.naming.toServer(stream), {
        backwards: options.direction === 'backwards',
        from: options.fromRevision,
        limit: options.limit,
      });
      return events.map((event) => openLedgerRecord(decodeRecord(event, this.naming)));
    } catch (error) {
      throw toPortError(error, stream);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const events = await readAllFiltered(this.client, {
      from: options.after && decodePosition(options.after),
      limit: options.limit,
      filter: allFilter(this.naming, options.filter),
    });
    return events.map((event) => openLedgerRecord(decodeRecord(event, this.naming)));
  }

  async readRecords(
    options: { after?: Position; limit?: number; stream?: string } = {},
  ): Promise<StoredRecord[]> {
    const { after, limit, stream } = options;
    if (stream === undefined) {
      const from = after && decodePosition(after);
      const events = await readAllFiltered(this.client, { from, limit, filter: allFilter(this.naming) });
      return events.map((event) => toStoredRecord(decodeRecord(event, this.naming)));
    }
    const records = (await readOrEmpty(this.client, this.naming.toServer(stream), {}))
      .map((event) => toStoredRecord(decodeRecord(event, this.naming)))
      .filter((record) => after === undefined || compareEsdbPositions(record.position, after) > 0);
    return limit === undefined ? records : records.slice(0, limit);
  }

  subscribeAll(after?: Position, filter?: ReadAllOptions['filter']): Subscription {
    const rule = allFilter(this.naming, filter);
    const subscription = catchUpSubscription(
      {
        open: (from) => this.client.subscribeToAll({ fromPosition: from ?? START, filter: rule.server }),
        decode: ({ event }) =>
          event && rule.accepts(event) ? openLedgerRecord(decodeRecord(event, this.naming)) : undefined,
      },
      after,
    );
    this.subscriptions.add(subscription);
    return {
      [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
      close: () => {
        this.subscriptions.delete(subscription);
        subscription.close();
      },
    };
  }

  async headPosition(): Promise<Position | undefined> {
    const event = await lastAccepted(this.client, allFilter(this.naming).accepts);
    return event?.position && encodePosition(event.position);
  }

  comparePositions(a: Position, b: Position): number {
    return compareEsdbPositions(a, b);
  }

  parsePosition(token: string): Position | undefined {
    return parseEsdbPosition(token);
  }

  async findCommand(commandId: string): Promise<AppendResult | undefined> {
    return this.commands.landed(commandId, (await this.commands.read(commandId)).attempts);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const subscription of this.subscriptions) subscription.close();
    this.subscriptions.clear();
    await this.client.dispose();
  }

  /** The stream's last revision and hash, which the next event chains onto. */
  private async head(stream: string): Promise<{ revision: number; hash: string } | undefined> {
    const event = await lastEvent(this.client, stream);
    if (!event) return undefined;
    const record = requireLedger(decodeRecord(event, this.naming));
    return { revision: record.revision, hash: record.hash };
  }
}
