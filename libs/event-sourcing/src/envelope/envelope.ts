import { v5 as uuidv5 } from 'uuid';
import type { CommandMetadata, Position } from '../store/event-store';
import { canonicalJson } from './canonical-json';
import { sha256Hex } from './sha256';

export { sha256Hex } from './sha256';

export interface Actor {
  accountId: string;
  partnerId: string | null;
  roles: readonly string[];
}

export interface EventMetadata extends CommandMetadata {
  /** The ledger's own clock when the event was committed. */
  recordedAt: string;
  /** Hash of the previous event in the same stream; null for revision 0. */
  prevHash: string | null;
  hash: string;
}

/** An event as the store hands it back: the hashed envelope plus its global position. */
export interface RecordedEvent<Type extends string = string, Data = unknown> {
  eventId: string;
  type: Type;
  schemaVersion: number;
  stream: string;
  revision: number;
  position: Position;
  data: Data;
  metadata: EventMetadata;
}

/** An event as stored: the canonical bytes that were hashed, and the hash. */
export interface StoredRecord {
  position: Position;
  stream: string;
  revision: number;
  canonical: string;
  hash: string;
}

/** Everything that is hashed: the envelope without `position` and `hash`. */
export interface HashedEnvelope {
  eventId: string;
  type: string;
  schemaVersion: number;
  stream: string;
  revision: number;
  data: unknown;
  metadata: Omit<EventMetadata, 'hash'>;
}

export function sealEnvelope(envelope: HashedEnvelope): { canonical: string; hash: string } {
  const canonical = canonicalJson(envelope);
  return { canonical, hash: sha256Hex(canonical) };
}

export function openRecord(record: StoredRecord): RecordedEvent {
  const envelope = JSON.parse(record.canonical) as HashedEnvelope;
  return {
    ...envelope,
    position: record.position,
    metadata: { ...envelope.metadata, hash: record.hash },
  };
}

const EVENT_ID_NAMESPACE = '6f1b8a62-3c6e-4b8e-9a55-2f0c3a1d7e10';

/**
 * Event ids derive from the command id and the event's index in that command, so a retried command
 * produces the same ids (EventStoreDB deduplicates on them as a second line of defence).
 */
export function deriveEventId(commandId: string, index: number): string {
  return uuidv5(`${commandId}/${index}`, EVENT_ID_NAMESPACE);
}
