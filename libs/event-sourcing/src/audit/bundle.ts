import { canonicalJson } from '../envelope/canonical-json';
import type { StoredRecord } from '../envelope/envelope';
import { type EventStore, StreamNotFoundError } from '../store/event-store';
import { CHECKPOINT_STREAM } from './checkpoint';
import { CheckpointLog } from './checkpoint-log';
import { type CheckpointedProof, proveRecords } from './inclusion';
import type { CheckpointKeyring, PublishedKey } from './keys';

export const BUNDLE_FORMAT = 'ledger-export/1';

/** An event or checkpoint as stored: the canonical bytes that were hashed, the hash, where it sits. */
export interface BundleRecord {
  position: string;
  revision: number;
  hash: string;
  canonical: string;
}

export interface BundleEvent extends BundleRecord {
  /** RFC 9162 inclusion proof in the checkpoint of that revision; null while no checkpoint covers it. */
  proof: CheckpointedProof | null;
}

/**
 * `GET /audit/exports/{stream}`: one stream's whole history as stored, with what proves it offline.
 * `signature` is Ed25519, by a published key, over the canonical JSON of every other field, so that
 * fields the hashes do not cover (positions, key dates) cannot be edited either.
 */
export interface ExportBundle {
  format: typeof BUNDLE_FORMAT;
  stream: string;
  exportedAt: string;
  events: BundleEvent[];
  /** The checkpoints that cover the events, as stored, by revision. */
  checkpoints: BundleRecord[];
  /** Every published key (those of old checkpoints stay after a rotation). */
  keys: PublishedKey[];
  signature: { keyId: string; value: string };
}

export async function exportBundle(
  store: EventStore,
  stream: string,
  options: { keyring: CheckpointKeyring; clock?: () => Date; log?: CheckpointLog },
): Promise<ExportBundle> {
  if (stream === CHECKPOINT_STREAM)
    throw new TypeError('checkpoints are read with listCheckpoints, not exported');
  const records = await store.readStreamRecords(stream);
  if (records.length === 0) throw new StreamNotFoundError(stream);
  const { proofs, checkpoints } = await proveRecords(store, records, options.log ?? new CheckpointLog(store));
  const unsigned: Omit<ExportBundle, 'signature'> = {
    format: BUNDLE_FORMAT,
    stream,
    exportedAt: (options.clock ?? (() => new Date()))().toISOString(),
    events: records.map((record, i) => ({ ...asStored(record), proof: proofs[i] })),
    checkpoints: checkpoints.map((checkpoint) => asStored(checkpoint.record)),
    keys: options.keyring.published.map((key) => ({ ...key })),
  };
  const { signer } = options.keyring;
  return { ...unsigned, signature: { keyId: signer.keyId, value: signer.sign(canonicalJson(unsigned)) } };
}

function asStored({ position, revision, hash, canonical }: StoredRecord): BundleRecord {
  return { position, revision, hash, canonical };
}
