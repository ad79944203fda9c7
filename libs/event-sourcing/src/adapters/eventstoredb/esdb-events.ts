import { binaryEvent, type RecordedEvent as EsdbRecordedEvent, type EventData } from '@eventstore/db-client';
import {
  deriveEventId,
  openRecord,
  type RecordedEvent,
  type StoredRecord,
  sealEnvelope,
} from '../../envelope/envelope';
import type { CommandMetadata, NewEvent } from '../../store/event-store';
import type { StreamNaming } from './esdb-filters';
import { encodePosition } from './esdb-positions';
import { toRevision } from './esdb-revisions';

/** One envelope ready to append: the exact bytes that were hashed, and the hash. */
export interface SealedEvent {
  eventId: string;
  type: string;
  revision: number;
  canonical: string;
  hash: string;
}

/** A stored event as read back, with what the adapter needs besides the StoredRecord. */
export interface DecodedRecord extends StoredRecord {
  eventId: string;
  type: string;
  /** False for an event the ledger did not write (no envelope hash, or JSON re-serialised by a client). */
  ledger: boolean;
}

/**
 * Seals a command's events exactly as the SQLite adapter does (same envelope, same hash chain), with
 * event ids derived from the command id so a retried command proposes the same ids to the server.
 */
export function sealBatch(
  stream: string,
  events: readonly NewEvent[],
  metadata: CommandMetadata,
  head: { revision: number; hash: string } | undefined,
  recordedAt: string,
): SealedEvent[] {
  let prevHash = head ? head.hash : null;
  const first = head ? head.revision + 1 : 0;
  return events.map((event, index) => {
    const revision = first + index;
    const eventId = deriveEventId(metadata.commandId, index);
    const { canonical, hash } = sealEnvelope({
      eventId,
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      stream,
      revision,
      data: event.data,
      metadata: { ...metadata, recordedAt, prevHash },
    });
    prevHash = hash;
    return { eventId, type: event.type, revision, canonical, hash };
  });
}

/**
 * The canonical bytes go in as the event's data, byte for byte: a binary event, because the client
 * re-serialises JSON events with JSON.stringify, which moves integer-like keys ahead of the others and
 * so would change bytes that were hashed. The hash goes in the metadata (the "hash column"), with the
 * correlation and causation ids under the names the server's `$by_correlation_id` projection reads.
 */
export function toEsdbEvent(sealed: SealedEvent, metadata: CommandMetadata): EventData {
  return binaryEvent({
    id: sealed.eventId,
    type: sealed.type,
    data: Buffer.from(sealed.canonical, 'utf8'),
    metadata: {
      ledgerHash: sealed.hash,
      $correlationId: metadata.correlationId,
      $causationId: metadata.causationId ?? metadata.commandId,
    },
  });
}

export function decodeRecord(event: EsdbRecordedEvent, naming: StreamNaming): DecodedRecord {
  if (!event.position) throw new Error(`${event.streamId}@${event.revision}: the server sent no position`);
  const metadata = event.metadata as { ledgerHash?: unknown } | undefined;
  const hash = !event.isJson && typeof metadata?.ledgerHash === 'string' ? metadata.ledgerHash : '';
  const canonical = event.isJson
    ? JSON.stringify(event.data)
    : Buffer.from(event.data as Uint8Array).toString('utf8');
  return {
    position: encodePosition(event.position),
    stream: naming.toPort(event.streamId) ?? event.streamId,
    revision: toRevision(event.revision),
    canonical,
    hash,
    eventId: event.id,
    type: event.type,
    ledger: hash !== '',
  };
}

/** An event written by anything but the ledger is refused, not guessed at. */
export function requireLedger(record: DecodedRecord): DecodedRecord {
  if (!record.ledger) {
    throw new TypeError(`${record.stream}@${record.revision} (${record.type}) was not written by the ledger`);
  }
  return record;
}

export function openLedgerRecord(record: DecodedRecord): RecordedEvent {
  return openRecord(requireLedger(record));
}

/** StoredRecord only: what verification re-hashes (foreign events included, so it names them). */
export function toStoredRecord({ position, stream, revision, canonical, hash }: DecodedRecord): StoredRecord {
  return { position, stream, revision, canonical, hash };
}
