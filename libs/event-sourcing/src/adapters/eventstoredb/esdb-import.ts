import { setTimeout as sleep } from 'node:timers/promises';
import {
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  type EventData,
  type EventStoreDBClient,
  NO_STREAM,
} from '@eventstore/db-client';
import { readChainLinks } from '../../envelope/chain-links';
import { type HashedEnvelope, type StoredRecord, sha256Hex } from '../../envelope/envelope';
import type { Position } from '../../store/event-store';
import { TRANSIENT_RETRY_MS } from './esdb-append';
import { decodeRecord, toEsdbEvent } from './esdb-events';
import type { StreamNaming } from './esdb-filters';
import { encodePosition } from './esdb-positions';
import { readOrEmpty } from './esdb-reads';
import { isTransientError } from './esdb-revisions';

export interface ImportResult {
  stream: string;
  /** Revision and position of the batch's last event on this server. */
  revision: number;
  position: Position;
  /** False when the same events were already there (a re-run): nothing was written. */
  written: boolean;
}

/** The target holds other events where the imported ones belong: the histories differ. */
export class ImportConflictError extends Error {
  constructor(
    readonly stream: string,
    readonly revision: number,
    reason: string,
  ) {
    super(`import into ${stream} at revision ${revision}: ${reason}`);
    this.name = 'ImportConflictError';
  }
}

/**
 * Turns stored records (one stream's consecutive revisions, as another store kept them) into the
 * events this adapter would have written for them: the same canonical bytes, the event id and the
 * correlation ids read from inside those bytes, the stored hash. Nothing is re-sealed, so the hash
 * chain and every event id survive the move. A record whose bytes do not hash to its hash, or that
 * does not follow the previous one, is refused before anything is sent.
 */
export function importableEvents(records: readonly StoredRecord[]): EventData[] {
  const [first] = records;
  if (!first) throw new TypeError('an import needs at least one record');
  let previous: StoredRecord | undefined;
  return records.map((record) => {
    const where = `${record.stream}@${record.revision}`;
    if (record.stream !== first.stream) throw new TypeError(`${where}: one stream per import`);
    if (sha256Hex(record.canonical) !== record.hash)
      throw new TypeError(`${where}: hash does not match the stored bytes`);
    const links = readChainLinks(record.canonical);
    if (!links || links.stream !== record.stream || links.revision !== record.revision) {
      throw new TypeError(`${where}: the stored bytes are not this event's envelope`);
    }
    if (previous && (record.revision !== previous.revision + 1 || links.prevHash !== previous.hash)) {
      throw new TypeError(`${where}: does not follow ${previous.stream}@${previous.revision}`);
    }
    previous = record;
    const envelope = JSON.parse(record.canonical) as HashedEnvelope;
    return toEsdbEvent(
      {
        eventId: envelope.eventId,
        type: envelope.type,
        revision: record.revision,
        canonical: record.canonical,
        hash: record.hash,
      },
      envelope.metadata,
    );
  });
}

/**
 * Appends pre-sealed records exactly where they were: with the expected revision of the event before
 * the first one (no_stream for revision 0), so an import can never land anywhere else. When that
 * revision is already taken, the events found there are compared with the ones offered: the same
 * ids and bytes mean an earlier run already imported them (nothing is written); anything else is an
 * ImportConflictError. Connection trouble is retried, which the same comparison makes safe.
 */
export async function importRecords(
  client: EventStoreDBClient,
  naming: StreamNaming,
  records: readonly StoredRecord[],
): Promise<ImportResult> {
  const events = importableEvents(records);
  const first = records[0];
  const last = records[records.length - 1];
  const server = naming.toServer(first.stream);
  const expectedRevision = first.revision === 0 ? NO_STREAM : BigInt(first.revision - 1);
  return withTransientRetries(async () => {
    try {
      const written = await client.appendToStream(server, events, { expectedRevision });
      if (!written.position) throw new Error(`import into ${first.stream}: the server sent no position`);
      return {
        stream: first.stream,
        revision: last.revision,
        position: encodePosition(written.position),
        written: true,
      };
    } catch (error) {
      if (!(error instanceof EsdbWrongExpectedVersionError)) throw error;
      return alreadyImported(client, naming, records, events);
    }
  });
}

/** Runs `work` again after connection trouble (a node lost, a leader change): about 8 s in all. */
export async function withTransientRetries<T>(work: () => Promise<T>): Promise<T> {
  for (let failures = 0; ; failures++) {
    try {
      return await work();
    } catch (error) {
      if (!isTransientError(error) || failures >= TRANSIENT_RETRY_MS.length) throw error;
      await sleep(TRANSIENT_RETRY_MS[failures]);
    }
  }
}

async function alreadyImported(
  client: EventStoreDBClient,
  naming: StreamNaming,
  records: readonly StoredRecord[],
  events: readonly EventData[],
): Promise<ImportResult> {
  const first = records[0];
  const found = await readOrEmpty(client, naming.toServer(first.stream), {
    from: first.revision,
    limit: records.length,
  });
  for (const [i, record] of records.entries()) {
    const event = found[i];
    if (!event || Number(event.revision) !== record.revision) {
      throw new ImportConflictError(record.stream, record.revision, 'the stream stops before this revision');
    }
    const stored = decodeRecord(event, naming);
    if (event.id !== events[i].id || stored.canonical !== record.canonical || stored.hash !== record.hash) {
      throw new ImportConflictError(record.stream, record.revision, 'a different event is already there');
    }
  }
  const lastFound = decodeRecord(found[found.length - 1], naming);
  return { stream: first.stream, revision: lastFound.revision, position: lastFound.position, written: false };
}
