import { readChainLinks } from '../envelope/chain-links';
import { type StoredRecord, sha256Hex } from '../envelope/envelope';
import type { VerificationFailure } from '../envelope/verify';
import { CHECKPOINT_STREAM, checkpointFailure, checkpointProblem, readCheckpoint } from './checkpoint';
import type { KeySet } from './keys';

/**
 * Compares the checkpoints an auditor kept (as stored, e.g. from an earlier `GET` or a bundle) with the
 * ledger's own: a kept checkpoint the ledger no longer has means its newest events were cut, one that
 * differs means history was rewritten and re-signed. A kept copy must itself be authentic.
 */
export function checkKept(
  kept: readonly StoredRecord[],
  ledger: readonly StoredRecord[],
  keys: KeySet,
): VerificationFailure | undefined {
  for (const copy of [...kept].sort((a, b) => a.revision - b.revision)) {
    const checkpoint = copy.stream === CHECKPOINT_STREAM ? readCheckpoint(copy) : 'it is not a checkpoint';
    const links = readChainLinks(copy.canonical);
    const damaged =
      typeof checkpoint === 'string'
        ? checkpoint
        : sha256Hex(copy.canonical) !== copy.hash
          ? 'hash does not match the stored bytes'
          : links?.revision !== copy.revision
            ? `kept as revision ${copy.revision} but hashed as ${links?.revision}`
            : checkpointProblem(checkpoint, 'unknown', keys);
    if (damaged) return checkpointFailure(copy, `the copy the auditor kept is not authentic: ${damaged}`);
    const own = ledger[copy.revision];
    if (!own || own.revision !== copy.revision) {
      const { fromPosition, toPosition } = (checkpoint as Exclude<typeof checkpoint, string>).data;
      return checkpointFailure(
        copy,
        `the ledger no longer holds this checkpoint (positions ${fromPosition}..${toPosition}), which the auditor kept: its newest events were cut`,
      );
    }
    if (own.hash !== copy.hash || own.canonical !== copy.canonical) {
      return checkpointFailure(
        own,
        'differs from the copy the auditor kept: history was rewritten and re-signed',
      );
    }
  }
  return undefined;
}

/**
 * Reads a file of kept checkpoints: an array of stored checkpoint records, or anything with a
 * `checkpoints` array of them (a saved `GET /audit/checkpoints` answer, an export bundle).
 */
export function keptCheckpointsFrom(json: unknown): StoredRecord[] {
  const list = Array.isArray(json) ? json : (json as { checkpoints?: unknown })?.checkpoints;
  if (!Array.isArray(list))
    throw new TypeError('expected an array of checkpoints, or { checkpoints: [...] }');
  return list.map((item, i) => {
    const { position, revision, hash, canonical } = (item ?? {}) as Record<string, unknown>;
    if (
      typeof position !== 'string' ||
      !Number.isSafeInteger(revision) ||
      typeof hash !== 'string' ||
      typeof canonical !== 'string'
    ) {
      throw new TypeError(`checkpoint ${i}: expected { position, revision, hash, canonical }`);
    }
    return { stream: CHECKPOINT_STREAM, position, revision, hash, canonical } as StoredRecord;
  });
}
