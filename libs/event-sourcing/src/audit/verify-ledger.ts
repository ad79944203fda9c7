import { readRecordedAt } from '../envelope/chain-links';
import type { StoredRecord } from '../envelope/envelope';
import type { VerificationFailure } from '../envelope/verify';
import type { EventStore, Position } from '../store/event-store';
import {
  CHECKPOINT_STREAM,
  type Checkpoint,
  checkpointFailure,
  checkpointProblem,
  readCheckpoint,
} from './checkpoint';
import { rangeProblem } from './checkpoint-log';
import { checkKept } from './kept-checkpoints';
import { KeySet, type PublishedKey } from './keys';
import { type DigestRequest, type Digests, RangeDigester } from './range-digest';

export interface VerifyLedgerOptions {
  /** The published keys (`GET /audit/public-key`), or a set built from them. */
  keys: KeySet | readonly PublishedKey[];
  /** The ledger's checkpoint interval (LEDGER_CHECKPOINT_SECONDS); default 60. */
  checkpointSeconds?: number;
  /** Allowance on top of the interval before an uncovered event is a failure; default 300. */
  graceSeconds?: number;
  clock?: () => Date;
  /** Checkpoints an auditor kept from earlier visits (as stored): each must still be in the ledger, unchanged. */
  kept?: readonly StoredRecord[];
  onProgress?: (progress: VerifyProgress) => void;
}

export interface VerifyProgress {
  phase: 'checkpoints' | 'events';
  checked: number;
  /** Known in advance for checkpoints; for events, those the checkpoints cover (the uncovered tail comes on top). */
  total: number;
}

/** The `POST /audit/verifications` answer. `events` counts every event re-hashed, checkpoints included. */
export type LedgerVerification =
  | { intact: true; events: number; checkpoints: number }
  | { intact: false; failure: VerificationFailure };

/**
 * Verifies the whole ledger: every event's hash and chain link (`store.verify`, which also digests the
 * hashes per checkpoint range in the same pass), then every checkpoint in order (its signature, its link
 * to the previous one, and that its range holds exactly the events it signed, with the signed Merkle
 * root), then that no event older than the checkpoint interval plus the grace period is left uncovered,
 * then the checkpoints the auditor kept. Answers the first failure met in that order.
 */
export async function verifyLedger(
  store: EventStore,
  options: VerifyLedgerOptions,
): Promise<LedgerVerification> {
  const keys = options.keys instanceof KeySet ? options.keys : new KeySet(options.keys);
  const compare = (a: Position, b: Position) => store.comparePositions(a, b);
  const records = await store.readStreamRecords(CHECKPOINT_STREAM);
  const read = readCheckpoints(store, records);
  const { checkpoints } = read;

  const total = checkpoints.reduce((sum, c) => sum + c.data.eventCount, 0) + records.length;
  const request = { exclude: CHECKPOINT_STREAM, ends: checkpoints.map((c) => c.data.toPosition as Position) };
  const verifying = store.verify({
    onProgress: (checked) => options.onProgress?.({ phase: 'events', checked, total }),
    digest: request,
  });
  // Signatures are checked while the adapter's workers re-hash the events.
  const problem = signatureProblem(checkpoints, keys, options.onProgress) ?? read.problem;
  const chain = await verifying;
  if (!chain.intact) return { intact: false, failure: chain.failure };
  // An adapter whose verify does not digest (yet) costs a second read, not a wrong answer.
  const digests = chain.digests ?? (await digestByReading(store, request));

  for (const [i, checkpoint] of checkpoints.entries()) {
    if (problem && problem.revision <= checkpoint.record.revision) break;
    const reason = rangeProblem(checkpoint, digests.ranges[i], compare);
    if (reason) return { intact: false, failure: checkpointFailure(checkpoint.record, reason) };
  }
  if (problem) return { intact: false, failure: problem };

  if (digests.tail.count > 0) {
    const stale = await firstStaleEvent(
      store,
      checkpoints.at(-1)?.data.toPosition as Position | undefined,
      options,
    );
    if (stale) return { intact: false, failure: stale };
  }
  const kept = checkKept(options.kept ?? [], records, keys);
  if (kept) return { intact: false, failure: kept };
  return { intact: true, events: chain.events, checkpoints: records.length };
}

async function digestByReading(store: EventStore, request: DigestRequest): Promise<Digests> {
  const digester = new RangeDigester(request, (a, b) => store.comparePositions(a, b));
  for (let after: Position | undefined; ; ) {
    const page = await store.readRecords({ after, limit: 20_000 });
    for (const record of page) digester.add(record.stream, record.position, record.hash);
    if (page.length < 20_000) return digester.finish();
    after = page[page.length - 1].position;
  }
}

/** Reads the checkpoints in order up to the first that is malformed or out of place. */
function readCheckpoints(
  store: EventStore,
  records: readonly StoredRecord[],
): { checkpoints: Checkpoint[]; problem?: VerificationFailure } {
  const checkpoints: Checkpoint[] = [];
  for (const record of records) {
    const checkpoint = readCheckpoint(record);
    const reason =
      typeof checkpoint === 'string' ? checkpoint : rangeBoundsProblem(store, checkpoint, checkpoints.at(-1));
    if (reason) return { checkpoints, problem: checkpointFailure(record, reason) };
    checkpoints.push(checkpoint as Checkpoint);
  }
  return { checkpoints };
}

/** The first checkpoint whose link to the previous one or whose signature fails. */
function signatureProblem(
  checkpoints: readonly Checkpoint[],
  keys: KeySet,
  onProgress: VerifyLedgerOptions['onProgress'],
): VerificationFailure | undefined {
  for (const [i, checkpoint] of checkpoints.entries()) {
    if (i % 100 === 0) onProgress?.({ phase: 'checkpoints', checked: i, total: checkpoints.length });
    const reason = checkpointProblem(checkpoint, i === 0 ? null : checkpoints[i - 1].record, keys);
    if (reason) return checkpointFailure(checkpoint.record, reason);
  }
  onProgress?.({ phase: 'checkpoints', checked: checkpoints.length, total: checkpoints.length });
  return undefined;
}

function rangeBoundsProblem(
  store: EventStore,
  checkpoint: Checkpoint,
  previous?: Checkpoint,
): string | undefined {
  const from = store.parsePosition(checkpoint.data.fromPosition);
  const to = store.parsePosition(checkpoint.data.toPosition);
  if (!from || !to) return 'its range names positions this ledger does not have';
  if (store.comparePositions(from, to) > 0) return 'its range ends before it starts';
  if (store.comparePositions(to, checkpoint.record.position) >= 0) return 'it covers events after itself';
  if (previous && store.comparePositions(previous.data.toPosition as Position, from) >= 0) {
    return "its range overlaps the previous checkpoint's";
  }
  return undefined;
}

/**
 * The first event after the newest checkpoint's range that is older than the interval plus the grace
 * period: the checkpointer would have covered it by now, so it was inserted or re-hashed behind its back,
 * or the checkpoints that covered it were cut.
 */
async function firstStaleEvent(
  store: EventStore,
  after: Position | undefined,
  options: VerifyLedgerOptions,
): Promise<VerificationFailure | undefined> {
  const now = (options.clock ?? (() => new Date()))();
  for (let from = after; ; ) {
    const page = await store.readRecords({ after: from, limit: 1024 });
    for (const record of page) {
      const stale = record.stream === CHECKPOINT_STREAM ? undefined : staleFailure(record, now, options);
      if (stale) return stale;
    }
    if (page.length < 1024) return undefined;
    from = page[page.length - 1].position;
  }
}

/** A failure when an event no checkpoint covers was recorded longer ago than the interval plus the grace. */
export function staleFailure(
  record: StoredRecord,
  now: Date,
  options: Pick<VerifyLedgerOptions, 'checkpointSeconds' | 'graceSeconds'>,
): VerificationFailure | undefined {
  const allowance = (options.checkpointSeconds ?? 60) + (options.graceSeconds ?? 300);
  const recordedAt = readRecordedAt(record.canonical);
  if (Date.parse(recordedAt) >= now.getTime() - allowance * 1000) return undefined;
  return {
    stream: record.stream,
    revision: record.revision,
    position: record.position,
    reason: `recorded at ${recordedAt}, more than ${allowance} s ago, yet no checkpoint covers it`,
  };
}
