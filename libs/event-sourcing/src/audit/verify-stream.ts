import type { StoredRecord } from '../envelope/envelope';
import type { EventStore } from '../store/event-store';
import { CHECKPOINT_STREAM, checkpointFailure, checkpointProblem, readCheckpoint } from './checkpoint';
import { CheckpointLog, UnreadableCheckpointError } from './checkpoint-log';
import { CheckpointMismatchError, proveRecords } from './inclusion';
import { KeySet } from './keys';
import { type LedgerVerification, staleFailure, type VerifyLedgerOptions } from './verify-ledger';

/**
 * Verifies one stream (`POST /audit/verifications { stream }`): its hashes and chain, then each checkpoint
 * covering its events (signature, link to the previous checkpoint, and its whole range against the signed
 * root, as an inclusion proof needs), and that none of its events is left uncovered past the grace period.
 * Costs one read per covering checkpoint's range, not a pass over the ledger.
 */
export async function verifyStream(
  store: EventStore,
  stream: string,
  options: Omit<VerifyLedgerOptions, 'kept'>,
): Promise<LedgerVerification> {
  const keys = options.keys instanceof KeySet ? options.keys : new KeySet(options.keys);
  const chain = await store.verify({
    stream,
    onProgress: (checked) => options.onProgress?.({ phase: 'events', checked, total: 0 }),
  });
  if (!chain.intact) return { intact: false, failure: chain.failure };
  const records = await store.readStreamRecords(stream);
  if (stream === CHECKPOINT_STREAM) return verifyCheckpointStream(records, keys);

  const log = new CheckpointLog(store);
  let proved: Awaited<ReturnType<typeof proveRecords>>;
  try {
    proved = await proveRecords(store, records, log);
  } catch (error) {
    if (error instanceof CheckpointMismatchError || error instanceof UnreadableCheckpointError) {
      const record = error instanceof CheckpointMismatchError ? error.checkpoint : error.record;
      return { intact: false, failure: checkpointFailure(record, error.reason) };
    }
    throw error;
  }
  for (const checkpoint of proved.checkpoints) {
    const previous = await log.previous(checkpoint);
    const problem = checkpointProblem(checkpoint, previous?.record ?? null, keys);
    if (problem) return { intact: false, failure: checkpointFailure(checkpoint.record, problem) };
  }
  const uncovered = records.filter((_, i) => proved.proofs[i] === null);
  const clock = options.clock ?? (() => new Date());
  for (const record of uncovered) {
    const stale = staleFailure(record, clock(), options);
    if (stale) return { intact: false, failure: stale };
  }
  return { intact: true, events: records.length, checkpoints: proved.checkpoints.length };
}

function verifyCheckpointStream(records: readonly StoredRecord[], keys: KeySet): LedgerVerification {
  for (const [i, record] of records.entries()) {
    const checkpoint = readCheckpoint(record);
    const problem =
      typeof checkpoint === 'string'
        ? checkpoint
        : checkpointProblem(checkpoint, i === 0 ? null : records[i - 1], keys);
    if (problem) return { intact: false, failure: checkpointFailure(record, problem) };
  }
  return { intact: true, events: records.length, checkpoints: records.length };
}
