import type { StoredRecord } from '../envelope/envelope';
import type { EventStore, Position } from '../store/event-store';
import { CHECKPOINT_STREAM, type Checkpoint, readCheckpoint } from './checkpoint';
import type { RangeDigest } from './range-digest';

export class UnreadableCheckpointError extends Error {
  constructor(
    readonly record: StoredRecord,
    readonly reason: string,
  ) {
    super(`checkpoint ${record.revision}: ${reason}`);
    this.name = 'UnreadableCheckpointError';
  }
}

/** An event's place in the ledger, as the Merkle trees see it. */
export interface Leaf {
  stream: string;
  revision: number;
  position: Position;
  hash: string;
}

/**
 * Reads `ledger-checkpoints` for proofs and single-stream checks: one checkpoint by revision (cached),
 * the checkpoint covering a position (binary search: ranges follow each other in revision order), and the
 * events a checkpoint covers as the store holds them now.
 */
export class CheckpointLog {
  private readonly cache = new Map<number, Checkpoint>();

  constructor(private readonly store: EventStore) {}

  async at(revision: number): Promise<Checkpoint | undefined> {
    const cached = this.cache.get(revision);
    if (cached) return cached;
    const [record] = await this.store.readStreamRecords(CHECKPOINT_STREAM, {
      fromRevision: revision,
      limit: 1,
    });
    if (!record || record.revision !== revision) return undefined;
    const checkpoint = readCheckpoint(record);
    if (typeof checkpoint === 'string') throw new UnreadableCheckpointError(record, checkpoint);
    this.cache.set(revision, checkpoint);
    return checkpoint;
  }

  async newest(): Promise<Checkpoint | undefined> {
    const [record] = await this.store.readStreamRecords(CHECKPOINT_STREAM, {
      direction: 'backwards',
      limit: 1,
    });
    return record && this.at(record.revision);
  }

  /** The first checkpoint whose range ends at or after `position`; undefined when none covers it yet. */
  async covering(position: Position): Promise<Checkpoint | undefined> {
    const newest = await this.newest();
    if (!newest || this.compare(newest.data.toPosition, position) < 0) return undefined;
    let low = 0;
    let high = newest.record.revision;
    while (low < high) {
      const middle = (low + high) >> 1;
      const checkpoint = await this.at(middle);
      if (checkpoint && this.compare(checkpoint.data.toPosition, position) >= 0) high = middle;
      else low = middle + 1;
    }
    return this.at(low);
  }

  /** The checkpoint before this one's record, or null for the first. */
  async previous(checkpoint: Checkpoint): Promise<Checkpoint | null> {
    if (checkpoint.record.revision === 0) return null;
    const previous = await this.at(checkpoint.record.revision - 1);
    if (!previous) throw new UnreadableCheckpointError(checkpoint.record, 'its predecessor is missing');
    return previous;
  }

  /** The non-checkpoint events after the previous checkpoint's range, up to this one's `toPosition`. */
  async rangeOf(checkpoint: Checkpoint): Promise<Leaf[]> {
    const previous = await this.previous(checkpoint);
    const to = checkpoint.data.toPosition as Position;
    const leaves: Leaf[] = [];
    let after = previous?.data.toPosition as Position | undefined;
    for (;;) {
      const page = await this.store.readRecords({ after, limit: checkpoint.data.eventCount + 64 });
      for (const { stream, revision, position, hash } of page) {
        if (this.compare(position, to) > 0) return leaves;
        if (stream !== CHECKPOINT_STREAM) leaves.push({ stream, revision, position, hash });
      }
      if (page.length === 0) return leaves;
      after = page[page.length - 1].position;
    }
  }

  private compare(a: string, b: string): number {
    return this.store.comparePositions(a as Position, b as Position);
  }
}

/** Why a range, as the store holds it now, is not what its checkpoint signed; undefined when it is. */
export function rangeProblem(
  checkpoint: Checkpoint,
  digest: RangeDigest,
  compare: (a: Position, b: Position) => number,
): string | undefined {
  const { fromPosition, toPosition, eventCount, merkleRoot } = checkpoint.data;
  const span = `positions ${fromPosition}..${toPosition}`;
  if (digest.count === 0)
    return `none of the ${eventCount} events it signed at ${span} remain: they were removed`;
  if (digest.first !== fromPosition) {
    return compare(digest.first as Position, fromPosition as Position) < 0
      ? `an event at position ${digest.first}, before its range, is covered by no checkpoint: it was inserted`
      : `its first event, at position ${fromPosition}, is missing: it was removed`;
  }
  if (digest.last !== toPosition)
    return `its last event, at position ${toPosition}, is missing: it was removed`;
  if (digest.count !== eventCount) {
    return `it signed ${eventCount} events at ${span}, the ledger holds ${digest.count}: events were ${
      digest.count < eventCount ? 'removed' : 'inserted'
    }`;
  }
  if (digest.root !== merkleRoot) {
    return `the Merkle root of the ${eventCount} events at ${span} is not the signed root: an event there was altered and re-hashed, or events were reordered`;
  }
  return undefined;
}
