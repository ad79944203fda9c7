import { randomUUID } from 'node:crypto';
import * as streams from '@eventstore/db-client/generated/streams_pb';
import { type ServerWritableStream, status } from '@grpc/grpc-js';
import type { EventLog, LoggedEvent } from './event-log';
import { readEvent, streamDeleted, streamIdentifier, streamName, WireError } from './wire-messages';

type ReadCall = ServerWritableStream<streams.ReadReq, streams.ReadResp>;
type Options = streams.ReadReq.Options;
type Predicate = (event: LoggedEvent) => boolean;

const BACKWARDS = streams.ReadReq.Options.ReadDirection.BACKWARDS;
/** The server's default filter search window, when the client asks for none (FilterOptions.count). */
const DEFAULT_WINDOW = 32;

/** Streams.Read: reads and subscriptions, on one stream or on `$all`. */
export function handleRead(log: EventLog, call: ReadCall): void {
  try {
    const options = call.request.getOptions();
    if (!options) throw new WireError(status.INVALID_ARGUMENT, 'missing read options');
    const structured = options.getUuidOption()?.hasStructured() ?? false;
    const write = (event: LoggedEvent) => new streams.ReadResp().setEvent(readEvent(event, structured));
    if (options.hasSubscription()) {
      subscribe(log, call, options, write);
      return;
    }
    const events = options.hasStream() ? readStream(log, call, options) : readAll(log, options);
    for (const event of events ?? []) call.write(write(event));
    call.end();
  } catch (error) {
    fail(call, error);
  }
}

function readStream(log: EventLog, call: ReadCall, options: Options): LoggedEvent[] | undefined {
  const stream = options.getStream() as streams.ReadReq.Options.StreamOptions;
  const name = streamName(stream.getStreamIdentifier());
  const from = stream.hasStart() ? 'start' : stream.hasEnd() ? 'end' : BigInt(stream.getRevision());
  const result = log.readStream(
    name,
    from,
    options.getReadDirection() === BACKWARDS,
    BigInt(options.getCount()),
  );
  if (result === 'deleted') throw streamDeleted(name);
  if (result === 'not-found') {
    // Not an error status: the server answers with a StreamNotFound message, which the client turns
    // into its StreamNotFoundError (dist/streams/utils/ReadStream.js).
    const notFound = new streams.ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name));
    call.write(new streams.ReadResp().setStreamNotFound(notFound));
    return undefined;
  }
  return result;
}

/**
 * `$all` forwards includes the event at the given position; backwards starts just before it, as the
 * server's AllReader does (a backward read's position is the end of the last record it may return;
 * kurrent-io/KurrentDB src/KurrentDB.Core/Services/Storage/ReaderIndex/AllReader.cs).
 */
function readAll(log: EventLog, options: Options): LoggedEvent[] {
  const all = options.getAll() as streams.ReadReq.Options.AllOptions;
  const accepts = filterOf(options);
  const requested = BigInt(options.getCount());
  const count = requested > BigInt(log.events.length) ? log.events.length : Number(requested);
  const selected: LoggedEvent[] = [];
  if (options.getReadDirection() === BACKWARDS) {
    let i = all.hasStart()
      ? -1
      : all.hasEnd()
        ? log.events.length - 1
        : log.indexAtOrAfter(position(all)) - 1;
    for (; i >= 0 && selected.length < count; i--) if (accepts(log.events[i])) selected.push(log.events[i]);
  } else {
    let i = all.hasStart() ? 0 : all.hasEnd() ? log.events.length : log.indexAtOrAfter(position(all));
    for (; i < log.events.length && selected.length < count; i++)
      if (accepts(log.events[i])) selected.push(log.events[i]);
  }
  return selected;
}

/**
 * A catch-up subscription: confirmation, the events after the starting point (positions are
 * exclusive: https://docs.kurrent.io/clients/dotnet/v1.0/subscriptions.html), then "caught up" (sent
 * by EventStoreDB 23.10+ when the subscription turns live: EventStore/EventStore pull request 3899,
 * and the clients' "caught up" support that followed), then live events as they are
 * written. Filtered `$all` subscriptions also get checkpoints every window × multiplier events
 * considered, so a client whose filter matches nothing still learns how far the server has looked.
 */
function subscribe(
  log: EventLog,
  call: ReadCall,
  options: Options,
  write: (e: LoggedEvent) => streams.ReadResp,
) {
  let cursor: number;
  let accepts: Predicate;
  if (options.hasAll()) {
    const all = options.getAll() as streams.ReadReq.Options.AllOptions;
    cursor = all.hasStart() ? 0 : all.hasEnd() ? log.events.length : afterPosition(log, position(all));
    accepts = filterOf(options);
  } else {
    const stream = options.getStream() as streams.ReadReq.Options.StreamOptions;
    const name = streamName(stream.getStreamIdentifier());
    const first = stream.hasRevision() ? BigInt(stream.getRevision()) + 1n : 0n;
    cursor = stream.hasEnd() ? log.events.length : 0;
    accepts = (event) => event.stream === name && event.revision >= first;
  }
  const filter = options.hasFilter()
    ? (options.getFilter() as streams.ReadReq.Options.FilterOptions)
    : undefined;
  const every = filter
    ? (filter.hasMax() ? filter.getMax() : DEFAULT_WINDOW) *
      Math.max(1, filter.getCheckpointintervalmultiplier())
    : 0;

  let stopped = false;
  let wake: (() => void) | undefined;
  const stopListening = log.onWrite(() => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  });
  const stop = () => {
    stopped = true;
    stopListening();
    wake?.();
  };
  call.on('cancelled', stop);
  call.on('close', stop);
  call.on('error', stop);

  // Backpressure: past the call's buffer, wait for it to drain (or for the call to go).
  const send = (message: streams.ReadResp) =>
    call.write(message) || stopped
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const go = () => {
            call.off('drain', go);
            call.off('close', go);
            resolve();
          };
          call.on('drain', go);
          call.on('close', go);
        });
  const confirmation = new streams.ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
  void (async () => {
    await send(new streams.ReadResp().setConfirmation(confirmation));
    let caughtUp = false;
    let considered = 0;
    while (!stopped) {
      while (cursor < log.events.length && !stopped) {
        const event = log.events[cursor++];
        considered += 1;
        if (accepts(event)) await send(write(event));
        else if (every && considered % every === 0) await send(checkpoint(event.position));
      }
      if (!caughtUp && !stopped) {
        caughtUp = true;
        await send(new streams.ReadResp().setCaughtUp(new streams.ReadResp.CaughtUp()));
      }
      await new Promise<void>((resolve) => {
        if (stopped || cursor < log.events.length) resolve();
        else wake = resolve;
      });
    }
  })().catch(stop);
}

function checkpoint(at: bigint): streams.ReadResp {
  const point = new streams.ReadResp.Checkpoint()
    .setCommitPosition(at.toString())
    .setPreparePosition(at.toString());
  return new streams.ReadResp().setCheckpoint(point);
}

function position(all: streams.ReadReq.Options.AllOptions): bigint {
  return BigInt((all.getPosition() as streams.ReadReq.Options.Position).getCommitPosition());
}

function afterPosition(log: EventLog, at: bigint): number {
  const index = log.indexAtOrAfter(at);
  return index < log.events.length && log.events[index].position === at ? index + 1 : index;
}

/** Server-side filters: a regular expression or prefixes, on the stream name or on the event type. */
function filterOf(options: Options): Predicate {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter() as streams.ReadReq.Options.FilterOptions;
  const onStream = filter.hasStreamIdentifier();
  const expression = (
    onStream ? filter.getStreamIdentifier() : filter.getEventType()
  ) as streams.ReadReq.Options.FilterOptions.Expression;
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const prefixes = expression.getPrefixList();
  return (event) => {
    const subject = onStream ? event.stream : event.type;
    return regex ? regex.test(subject) : prefixes.some((prefix) => subject.startsWith(prefix));
  };
}

function fail(call: ReadCall, error: unknown): void {
  const wire = error instanceof WireError ? error : new WireError(status.INTERNAL, String(error));
  call.emit('error', wire.toServiceError());
}
