import type { StoredRecord } from '../envelope/envelope';
import type { EventStore, Position } from '../store/event-store';
import type { Checkpoint } from './checkpoint';
import { CheckpointLog, type Leaf, rangeProblem } from './checkpoint-log';
import { type InclusionProof, MerkleTree } from './merkle';

/** `GET /audit/streams/{stream}/{revision}/proof`: an event, the checkpoint covering it, the audit path. */
export interface EventProof {
  /** The event as stored: its `hash` is the leaf (its 32 raw bytes). */
  event: StoredRecord;
  /** The covering checkpoint event as stored: its data holds the signed `merkleRoot` and `eventCount`. */
  checkpoint: StoredRecord;
  proof: InclusionProof;
}

/** An inclusion proof that names its checkpoint by revision (in `ledger-checkpoints`), as bundles carry it. */
export type CheckpointedProof = InclusionProof & { checkpoint: number };

export class EventNotFoundError extends Error {
  constructor(
    readonly stream: string,
    readonly revision: number,
  ) {
    super(`${stream} has no event at revision ${revision}`);
    this.name = 'EventNotFoundError';
  }
}

/** The ledger no longer matches a checkpoint: no proof is given that would not verify. */
export class CheckpointMismatchError extends Error {
  constructor(
    readonly checkpoint: StoredRecord,
    readonly reason: string,
  ) {
    super(`checkpoint ${checkpoint.revision}: ${reason}`);
    this.name = 'CheckpointMismatchError';
  }
}

/** The proof for one event; undefined while no checkpoint covers it yet. */
export async function proveEvent(
  store: EventStore,
  stream: string,
  revision: number,
  log = new CheckpointLog(store),
): Promise<EventProof | undefined> {
  const [event] = await store.readStreamRecords(stream, { fromRevision: revision, limit: 1 });
  if (!event || event.revision !== revision) throw new EventNotFoundError(stream, revision);
  const { proofs, checkpoints } = await proveRecords(store, [event], log);
  const [proof] = proofs;
  if (!proof) return undefined;
  const { checkpoint, ...inclusion } = proof;
  return { event, checkpoint: checkpoints[0].record, proof: inclusion };
}

/**
 * Proofs for records in global order (one stream's history): each covering checkpoint's range is read
 * once, its tree rebuilt and checked against the signed root before any proof from it is given.
 * Records no checkpoint covers yet get null. `checkpoints` lists the covering ones, in order.
 */
export async function proveRecords(
  store: EventStore,
  records: readonly StoredRecord[],
  log = new CheckpointLog(store),
): Promise<{ proofs: (CheckpointedProof | null)[]; checkpoints: Checkpoint[] }> {
  const checkpoints: Checkpoint[] = [];
  const proofs: (CheckpointedProof | null)[] = [];
  let current:
    | { checkpoint: Checkpoint; tree: MerkleTree; leaves: Map<string, number>; range: Leaf[] }
    | undefined;
  for (const record of records) {
    if (
      !current ||
      store.comparePositions(record.position, current.checkpoint.data.toPosition as Position) > 0
    ) {
      const checkpoint = await log.covering(record.position);
      if (!checkpoint) {
        proofs.push(null);
        continue;
      }
      const range = await log.rangeOf(checkpoint);
      const tree = new MerkleTree(range.map((leaf) => leaf.hash));
      const problem = rangeProblem(
        checkpoint,
        {
          end: checkpoint.data.toPosition as Position,
          count: range.length,
          first: range[0]?.position,
          last: range.at(-1)?.position,
          root: tree.root(),
        },
        (a, b) => store.comparePositions(a, b),
      );
      if (problem) throw new CheckpointMismatchError(checkpoint.record, problem);
      current = { checkpoint, tree, range, leaves: new Map(range.map((leaf, i) => [leaf.position, i])) };
      checkpoints.push(checkpoint);
    }
    const index = current.leaves.get(record.position);
    if (index === undefined || current.range[index].hash !== record.hash) {
      throw new CheckpointMismatchError(
        current.checkpoint.record,
        `the event at position ${record.position} is not among the events it covers`,
      );
    }
    proofs.push({ checkpoint: current.checkpoint.record.revision, ...current.tree.proof(index) });
  }
  return { proofs, checkpoints };
}
