import { canonicalJson } from '../envelope/canonical-json';
import { readChainLinks } from '../envelope/chain-links';
import { type StoredRecord, sha256Hex } from '../envelope/envelope';
import { ChainVerifier } from '../envelope/verify';
import type { Position } from '../store/event-store';
import { BUNDLE_FORMAT, type BundleRecord, type ExportBundle } from './bundle';
import { CHECKPOINT_STREAM, type Checkpoint, checkpointProblem, readCheckpoint } from './checkpoint';
import { InvalidKeyError, KeySet, type PublishedKey } from './keys';
import { verifyInclusion } from './merkle';

export interface BundleFailure {
  /** Where it fails, when the failure is one event's or checkpoint's; absent for the bundle as a whole. */
  stream?: string;
  revision?: number;
  position?: string;
  reason: string;
}

export type BundleVerification =
  | { intact: true; stream: string; events: number; checkpoints: number; unproven: number }
  | { intact: false; failure: BundleFailure };

export interface VerifyBundleOptions {
  /**
   * The keys the auditor trusts (fetched from `GET /audit/public-key` and kept), or their ids. Without
   * them the bundle's own keys are used, which proves it consistent but not who signed it.
   */
  trustedKeys?: readonly (PublishedKey | string)[];
  /** Accept events no checkpoint covered yet at export (only hash-chained); default false. */
  allowUnproven?: boolean;
}

/**
 * Checks an export bundle offline, in this order: every event re-hashed and linked within the stream
 * from revision 0; every checkpoint re-hashed, linked where consecutive, signed by a (trusted) key;
 * every event's inclusion proof against its checkpoint's signed root; then the bundle's own signature,
 * which catches an edit anywhere else. Takes the parsed bundle, or its text or bytes as received.
 */
export function verifyBundle(
  input: ExportBundle | string | Uint8Array,
  options: VerifyBundleOptions = {},
): BundleVerification {
  const fail = (reason: string, at?: Omit<BundleFailure, 'reason'>): BundleVerification => ({
    intact: false,
    failure: { ...at, reason },
  });
  let bundle: ExportBundle;
  try {
    bundle =
      typeof input === 'string' || input instanceof Uint8Array
        ? JSON.parse(Buffer.from(input).toString('utf8'))
        : input;
  } catch {
    return fail('the bundle is not JSON');
  }
  const shape = shapeProblem(bundle);
  if (shape) return fail(`the bundle is malformed: ${shape}`);
  let keys: KeySet;
  try {
    keys = new KeySet(bundle.keys);
  } catch (error) {
    if (error instanceof InvalidKeyError) return fail(`the bundle's ${error.message}`);
    throw error;
  }
  const trusted =
    options.trustedKeys && new Set(options.trustedKeys.map((k) => (typeof k === 'string' ? k : k.keyId)));
  const { stream } = bundle;

  const chain = new ChainVerifier();
  for (const event of bundle.events) {
    const failure = chain.check({ ...event, stream, position: event.position as Position });
    if (failure) return fail(failure.reason, failure);
  }

  const checkpoints = new Map<number, Checkpoint>();
  let previous: BundleRecord | undefined;
  for (const record of bundle.checkpoints) {
    const at = { stream: CHECKPOINT_STREAM, revision: record.revision, position: record.position };
    const stored = {
      ...record,
      stream: CHECKPOINT_STREAM,
      position: record.position as Position,
    } as StoredRecord;
    const links = readChainLinks(record.canonical);
    const checkpoint = readCheckpoint(stored);
    if (sha256Hex(record.canonical) !== record.hash) return fail('hash does not match the stored bytes', at);
    if (!links || links.stream !== CHECKPOINT_STREAM || links.revision !== record.revision) {
      return fail('stored as a checkpoint but hashed as something else', at);
    }
    if (typeof checkpoint === 'string') return fail(checkpoint, at);
    if (previous && previous.revision >= record.revision) return fail('checkpoints are out of order', at);
    const before =
      record.revision === 0 ? null : previous?.revision === record.revision - 1 ? previous : 'unknown';
    const problem = checkpointProblem(checkpoint, before as StoredRecord | null | 'unknown', keys);
    if (problem) return fail(problem, at);
    if (trusted && !trusted.has(checkpoint.data.keyId))
      return fail(`signed with untrusted key ${checkpoint.data.keyId}`, at);
    checkpoints.set(record.revision, checkpoint);
    previous = record;
  }

  let unproven = 0;
  let last: [number, number] = [-1, -1];
  for (const event of bundle.events) {
    const at = { stream, revision: event.revision, position: event.position };
    const { proof } = event;
    if (proof === null) {
      if (!options.allowUnproven) return fail('no checkpoint in the bundle covers this event', at);
      unproven += 1;
      continue;
    }
    if (unproven > 0) return fail('proved, yet an earlier event was not', at);
    const checkpoint = checkpoints.get(proof.checkpoint);
    if (!checkpoint)
      return fail(`its proof names checkpoint ${proof.checkpoint}, which the bundle lacks`, at);
    const { eventCount, merkleRoot, fromPosition, toPosition } = checkpoint.data;
    if (proof.treeSize !== eventCount)
      return fail(`its proof is for a tree of ${proof.treeSize}, the checkpoint signed ${eventCount}`, at);
    if (!verifyInclusion(event.hash, proof, merkleRoot)) {
      return fail(`its inclusion proof does not lead to checkpoint ${proof.checkpoint}'s signed root`, at);
    }
    if (proof.checkpoint < last[0] || (proof.checkpoint === last[0] && proof.leafIndex <= last[1])) {
      return fail('its proof places it before the previous event', at);
    }
    if (
      (proof.leafIndex === 0 && event.position !== fromPosition) ||
      (proof.leafIndex === eventCount - 1 && event.position !== toPosition)
    ) {
      return fail("its position is not the one its checkpoint's range gives it", at);
    }
    last = [proof.checkpoint, proof.leafIndex];
  }

  const { signature, ...unsigned } = bundle;
  if (trusted && !trusted.has(signature.keyId))
    return fail(`the bundle is signed with untrusted key ${signature.keyId}`);
  if (!keys.verify(signature.keyId, canonicalJson(unsigned), signature.value)) {
    return fail("the bundle's signature does not verify: it was changed after export");
  }
  return {
    intact: true,
    stream,
    events: bundle.events.length,
    checkpoints: bundle.checkpoints.length,
    unproven,
  };
}

function shapeProblem(bundle: ExportBundle): string | undefined {
  if (typeof bundle !== 'object' || bundle === null) return 'not an object';
  if (bundle.format !== BUNDLE_FORMAT) return `format is not ${BUNDLE_FORMAT}`;
  if (typeof bundle.stream !== 'string' || typeof bundle.exportedAt !== 'string')
    return 'stream or exportedAt';
  if (!Array.isArray(bundle.events) || bundle.events.length === 0) return 'no events';
  if (!Array.isArray(bundle.checkpoints) || !Array.isArray(bundle.keys)) return 'checkpoints or keys';
  const { signature } = bundle;
  if (typeof signature?.keyId !== 'string' || typeof signature.value !== 'string') return 'signature';
  const records = [...bundle.events, ...bundle.checkpoints];
  if (!records.every(isRecord)) return 'a record lacks position, revision, hash or canonical';
  if (!bundle.events.every((e) => e.proof === null || isProof(e.proof))) return 'a proof is malformed';
  return undefined;
}

function isRecord(r: BundleRecord): boolean {
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.position === 'string' &&
    Number.isSafeInteger(r.revision) &&
    typeof r.hash === 'string' &&
    typeof r.canonical === 'string'
  );
}

function isProof(p: ExportBundle['events'][number]['proof']): boolean {
  return (
    typeof p === 'object' &&
    p !== null &&
    Number.isSafeInteger(p.checkpoint) &&
    Number.isSafeInteger(p.leafIndex) &&
    Number.isSafeInteger(p.treeSize) &&
    Array.isArray(p.auditPath)
  );
}
