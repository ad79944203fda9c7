import { setTimeout as sleep } from 'node:timers/promises';
import {
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import {
  type AppendOptions,
  type AppendResult,
  expectedRevisionMatches,
  type NewEvent,
  WrongExpectedRevisionError,
} from '../../store/event-store';
import { type Attempt, attemptKey, type CommandLog } from './esdb-command-log';
import { decodeRecord, requireLedger, sealBatch, toEsdbEvent } from './esdb-events';
import type { StreamNaming } from './esdb-filters';
import { encodePosition } from './esdb-positions';
import { lastEvent } from './esdb-reads';
import { isTransientError, toEsdbExpectedRevision, toPortError, toRevision } from './esdb-revisions';

/** Waits before retrying after connection trouble (a node lost, a leader change): about 8 s in all. */
export const TRANSIENT_RETRY_MS = [100, 250, 500, 1000, 2000, 4000];

export interface AppendContext {
  client: EventStoreDBClient;
  naming: StreamNaming;
  commands: CommandLog;
  clock: () => Date;
  /** Rounds an `any`/`stream_exists` append may lose to concurrent writers before giving up. */
  maxRounds: number;
}

interface Progress {
  /** Set once anything may have been written: from then on the command's record is read first. */
  checkLog: boolean;
  logRevision: bigint | undefined;
  /** This call's own attempts, so finding one of them landed is a success, not a duplicate. */
  mine: Set<string>;
}

/**
 * Appends a command's events so the hash chain cannot fork and the command is written at most once.
 * Each round reads the stream's last event (its hash is the next prevHash), checks the expectation,
 * records the attempt in the command's record, then appends with the exact revision it read. `any`
 * and `stream_exists` go round again when another writer got in first; an exact expectation fails
 * instead. Connection trouble is retried too: the command's record tells, afterwards, whether the
 * events landed, so a retry never writes them twice.
 */
export async function appendChained(
  context: AppendContext,
  stream: string,
  events: readonly NewEvent[],
  options: AppendOptions,
): Promise<AppendResult> {
  toEsdbExpectedRevision(options.expectedRevision);
  const progress: Progress = { checkLog: false, logRevision: undefined, mine: new Set() };
  let failures = 0;
  for (let round = 0; round < context.maxRounds; round++) {
    try {
      const result = await appendRound(context, stream, events, options, progress);
      if (result) return result;
      await sleep(Math.random() * Math.min(100, 2 ** round));
    } catch (error) {
      if (!isTransientError(error) || failures >= TRANSIENT_RETRY_MS.length) throw toPortError(error, stream);
      progress.checkLog = true;
      await sleep(TRANSIENT_RETRY_MS[failures++]);
    }
  }
  throw new Error(`append to ${stream}: still conflicting after ${context.maxRounds} rounds`);
}

/** One round: the result, or undefined to go round again (lost a race). */
async function appendRound(
  context: AppendContext,
  stream: string,
  events: readonly NewEvent[],
  { expectedRevision: expected, metadata, receipt }: AppendOptions,
  progress: Progress,
): Promise<AppendResult | undefined> {
  const head = await chainHead(context, context.naming.toServer(stream));
  const matches = expectedRevisionMatches(expected, head?.revision);
  if (progress.checkLog || !matches) {
    const first = await firstResult(context, metadata.commandId, progress);
    if (first) return first;
  }
  if (!matches) throw new WrongExpectedRevisionError(stream, expected, head?.revision ?? 'no_stream');

  const sealed = sealBatch(stream, events, metadata, head, context.clock().toISOString());
  const attempt: Attempt = { stream, firstRevision: sealed[0].revision, count: sealed.length };
  if (receipt !== undefined) attempt.receipt = receipt;
  try {
    progress.logRevision = await context.commands.record(metadata.commandId, attempt, progress.logRevision);
  } catch (error) {
    if (!(error instanceof EsdbWrongExpectedVersionError)) throw error;
    progress.checkLog = true; // another call for the same command got there first
    return undefined;
  }
  progress.mine.add(attemptKey(attempt));

  try {
    const written = await context.client.appendToStream(
      context.naming.toServer(stream),
      sealed.map((event) => toEsdbEvent(event, metadata)),
      { expectedRevision: toEsdbExpectedRevision(head ? head.revision : 'no_stream') },
    );
    if (!written.position) throw new Error(`append to ${stream}: the server sent no position`);
    const revision = toRevision(written.nextExpectedRevision);
    return { stream, revision, position: encodePosition(written.position), duplicate: false };
  } catch (error) {
    if (!(error instanceof EsdbWrongExpectedVersionError)) throw error;
    progress.checkLog = true;
    if (expected === 'any' || expected === 'stream_exists') return undefined;
    // An exact expectation lost the race: a conflict, unless a call for this very command won it.
    const first = await firstResult(context, metadata.commandId, progress);
    if (first) return first;
    throw toPortError(error, stream);
  }
}

/** The stream's last revision and hash, which the next event chains onto. */
async function chainHead(
  context: AppendContext,
  stream: string,
): Promise<{ revision: number; hash: string } | undefined> {
  const event = await lastEvent(context.client, stream);
  if (!event) return undefined;
  const record = requireLedger(decodeRecord(event, context.naming));
  return { revision: record.revision, hash: record.hash };
}

async function firstResult(context: AppendContext, commandId: string, progress: Progress) {
  const log = await context.commands.read(commandId);
  progress.logRevision = log.revision;
  const landed = await context.commands.landed(commandId, log.attempts);
  if (!landed) return undefined;
  return { ...landed.result, duplicate: !progress.mine.has(attemptKey(landed.attempt)) };
}
