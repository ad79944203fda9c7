import { canonicalJson } from '../envelope/canonical-json';
import type { HashedEnvelope, StoredRecord } from '../envelope/envelope';
import type { VerificationFailure } from '../envelope/verify';
import type { Position } from '../store/event-store';
import type { CheckpointSigner, KeySet } from './keys';
import { MerkleAccumulator } from './merkle';

export const CHECKPOINT_STREAM = 'ledger-checkpoints';
export const CHECKPOINT_TYPE = 'CheckpointSigned';

/** What a checkpoint signs: canonical JSON (RFC 8785) of exactly these fields. */
export interface CheckpointFields {
  /** Global position of the first event covered (inclusive): the first after the previous checkpoint's range. */
  fromPosition: string;
  /** Global position of the last event covered (inclusive). Checkpoint events are in no range. */
  toPosition: string;
  /** Events covered: the RFC 9162 tree size. */
  eventCount: number;
  /** RFC 9162 root over the covered events' hashes in global order (hex). */
  merkleRoot: string;
  /** The previous checkpoint event's hash; null for the first. */
  previousCheckpointHash: string | null;
  /** Id of the signing key (SHA-256 of its DER SubjectPublicKeyInfo). */
  keyId: string;
}

/** The data of a `CheckpointSigned` event: the signed fields and the Ed25519 signature (hex) over them. */
export interface CheckpointData extends CheckpointFields {
  signature: string;
}

/** A checkpoint event as stored, with its data read. */
export interface Checkpoint {
  record: StoredRecord;
  data: CheckpointData;
}

export function signedMessage(fields: CheckpointFields): string {
  const { fromPosition, toPosition, eventCount, merkleRoot, previousCheckpointHash, keyId } = fields;
  return canonicalJson({ fromPosition, toPosition, eventCount, merkleRoot, previousCheckpointHash, keyId });
}

/** Signs the next checkpoint over events (non-checkpoint events, in global order, at least one). */
export function buildCheckpoint(
  events: readonly { position: Position; hash: string }[],
  previousCheckpointHash: string | null,
  signer: CheckpointSigner,
): CheckpointData {
  if (events.length === 0) throw new RangeError('a checkpoint covers at least one event');
  const tree = new MerkleAccumulator();
  for (const event of events) tree.push(event.hash);
  const fields: CheckpointFields = {
    fromPosition: events[0].position,
    toPosition: events[events.length - 1].position,
    eventCount: events.length,
    merkleRoot: tree.root(),
    previousCheckpointHash,
    keyId: signer.keyId,
  };
  return { ...fields, signature: signer.sign(signedMessage(fields)) };
}

const HEX64 = /^[0-9a-f]{64}$/;
const FIELDS = [
  'eventCount',
  'fromPosition',
  'keyId',
  'merkleRoot',
  'previousCheckpointHash',
  'signature',
  'toPosition',
];

/** Reads a stored checkpoint event; a string says why it is not one. Checks its shape, not its signature. */
export function readCheckpoint(record: StoredRecord): Checkpoint | string {
  let envelope: HashedEnvelope;
  try {
    envelope = JSON.parse(record.canonical) as HashedEnvelope;
  } catch {
    return 'stored bytes are not JSON';
  }
  if (envelope.type !== CHECKPOINT_TYPE || envelope.stream !== CHECKPOINT_STREAM) {
    return `a ${envelope.type} event in ${envelope.stream} is not a checkpoint`;
  }
  const data = envelope.data as CheckpointData;
  const valid =
    typeof data === 'object' &&
    data !== null &&
    Object.keys(data).sort().join() === FIELDS.join() &&
    typeof data.fromPosition === 'string' &&
    typeof data.toPosition === 'string' &&
    Number.isSafeInteger(data.eventCount) &&
    data.eventCount > 0 &&
    HEX64.test(data.merkleRoot) &&
    (data.previousCheckpointHash === null || HEX64.test(data.previousCheckpointHash)) &&
    HEX64.test(data.keyId) &&
    /^[0-9a-f]{128}$/.test(data.signature);
  if (!valid) return 'checkpoint data is malformed';
  if (envelope.metadata?.prevHash !== data.previousCheckpointHash) {
    return "the signed previousCheckpointHash is not the event's own prevHash";
  }
  return { record, data };
}

/**
 * Checks what a checkpoint vouches for about itself: the link to its predecessor (when known) and the
 * signature. Undefined when it holds.
 */
export function checkpointProblem(
  checkpoint: Checkpoint,
  previous: StoredRecord | null | 'unknown',
  keys: KeySet,
): string | undefined {
  const { data } = checkpoint;
  if (previous !== 'unknown' && data.previousCheckpointHash !== (previous?.hash ?? null)) {
    return "previousCheckpointHash is not the previous checkpoint's hash";
  }
  if (!keys.has(data.keyId)) return `signed with key ${data.keyId}, which is not published`;
  if (!keys.verify(data.keyId, signedMessage(data), data.signature)) return 'signature does not verify';
  return undefined;
}

export function checkpointFailure(record: StoredRecord, reason: string): VerificationFailure {
  return { stream: record.stream, revision: record.revision, position: record.position, reason };
}
