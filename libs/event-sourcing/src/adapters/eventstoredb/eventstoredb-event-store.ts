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
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  StreamNotFoundError,
  type Subscription,
} from '../../store/event-store';
import { type AppendContext, appendChained } from './esdb-append';
import { type Attempt, CommandLog } from './esdb-command-log';
import { decodeRecord, openLedgerRecord, toStoredRecord } from './esdb-events';
import { allFilter, StreamNaming } from './esdb-filters';
import { type ImportResult, importRecords, withTransientRetries } from './esdb-import';
import { compareEsdbPositions, decodePosition, encodePosition, parseEsdbPosition } from './esdb-positions';
import { lastAccepted, readAllFiltered, readOrEmpty, readStreamEvents } from './esdb-reads';
import { toPortError } from './esdb-revisions';
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
/** How long `close` waits for the client to release its connections. */
const CLOSE_GRACE_MS = 2000;

export class EventStoreDbEventStore extends EventStore {
  private readonly client: EventStoreDBClient;
  private readonly naming: StreamNaming;
  private readonly commands: CommandLog;
  private readonly appendContext: AppendContext;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(options: EventStoreDbOptions) {
    super();
    if (!options.client && !options.url)
      throw new TypeError('EventStoreDbEventStore needs a url or a client');
    this.client = options.client ?? EventStoreDBClient.connectionString(options.url as string);
    this.naming = new StreamNaming(options.streamPrefix);
    this.commands = new CommandLog(this.client, this.naming);
    this.appendContext = {
      client: this.client,
      naming: this.naming,
      commands: this.commands,
      clock: options.clock ?? (() => new Date()),
      maxRounds: options.maxAppendRounds ?? 50,
    };
  }

  append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    if (events.length === 0) return Promise.reject(new TypeError('append needs at least one event'));
    return appendChained(this.appendContext, stream, events, options);
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

  async readStreamRecords(stream: string, options: ReadStreamOptions = {}): Promise<StoredRecord[]> {
    try {
      const events = await readStreamEvents(this.client, this.naming.toServer(stream), {
        backwards: options.direction === 'backwards',
        from: options.fromRevision,
        limit: options.limit,
      });
      return events.map((event) => {
        const { position, stream: name, revision, canonical, hash } = decodeRecord(event, this.naming);
        return { position, stream: name, revision, canonical, hash };
      });
    } catch (error) {
      if (toPortError(error, stream) instanceof StreamNotFoundError) return [];
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
    return (await this.commands.landed(commandId, (await this.commands.read(commandId)).attempts))?.result;
  }

  /**
   * The import path (moving a ledger here from another store): appends records exactly as they were
   * stored (same bytes, hashes and event ids), one stream's consecutive revisions at the revisions
   * they had. Idempotent: records already here are recognised, not written twice (esdb-import.ts).
   */
  importRecords(records: readonly StoredRecord[]): Promise<ImportResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    return importRecords(this.client, this.naming, records);
  }

  /**
   * Records an imported command's first result, so a retry of it after the move still finds it
   * (`findCommand`). `lastEventId` is the id its last event kept. False when a record was already there.
   */
  async importCommand(
    commandId: string,
    command: { stream: string; revision: number; count: number; lastEventId: string; receipt?: string },
  ): Promise<boolean> {
    const { stream, revision, count, lastEventId, receipt } = command;
    const attempt: Attempt = { stream, firstRevision: revision - count + 1, count, lastEventId };
    if (receipt !== undefined) attempt.receipt = receipt;
    return withTransientRetries(async () => {
      try {
        await this.commands.record(commandId, attempt, undefined);
        return true;
      } catch (error) {
        // Written by an earlier run, or by this call before the connection dropped: there either way.
        if (error instanceof EsdbWrongExpectedVersionError) return false;
        throw error;
      }
    });
  }

  /** `readRecords` in global order with each event's server-side id and type, to check an import. */
  async readRecordsWithIds(
    options: { after?: Position; limit?: number } = {},
  ): Promise<(StoredRecord & { eventId: string; type: string })[]> {
    const events = await readAllFiltered(this.client, {
      from: options.after && decodePosition(options.after),
      limit: options.limit,
      filter: allFilter(this.naming),
    });
    return events.map((event) => {
      const decoded = decodeRecord(event, this.naming);
      return { ...toStoredRecord(decoded), eventId: decoded.eventId, type: decoded.type };
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const subscription of this.subscriptions) subscription.close();
    this.subscriptions.clear();
    // The client waits for every call it has open to end; a read whose server stream has not yet seen its
    // cancellation can keep it waiting. Closing is a shutdown: wait a little, not forever.
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_GRACE_MS);
    });
    await Promise.race([this.client.dispose(), grace]);
    clearTimeout(timer);
  }
}
