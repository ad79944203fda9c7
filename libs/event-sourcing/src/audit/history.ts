import { readRecordedAt } from '../envelope/chain-links';
import { openRecord, type RecordedEvent, type StoredRecord } from '../envelope/envelope';
import type { EventStore, Position } from '../store/event-store';

/** `?asOf=`: a position as a command answered it, or a time compared with `recordedAt` (the ledger's clock). */
export type AsOf = { position: Position } | { time: Date };

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads an `asOf` token; undefined when it is neither a position of this store nor a timestamp with an offset. */
export function parseAsOf(store: EventStore, token: string): AsOf | undefined {
  const position = store.parsePosition(token);
  if (position) return { position };
  const time = TIMESTAMP.test(token) ? new Date(token) : undefined;
  return time && !Number.isNaN(time.getTime()) ? { time } : undefined;
}

const PAGE = 500;

/**
 * A stream's history with its metadata, oldest first, up to `asOf` (what the ledger held at that position
 * or time: the first event recorded after it ends the history), from `fromRevision`, at most `limit`
 * events. Throws StreamNotFoundError for a stream with no events.
 */
export async function readHistory(
  store: EventStore,
  stream: string,
  options: { asOf?: AsOf; fromRevision?: number; limit?: number } = {},
): Promise<RecordedEvent[]> {
  const { asOf, limit = Number.POSITIVE_INFINITY } = options;
  // Decided on the stored record, so events after the cut are never parsed.
  const after = (record: StoredRecord) =>
    asOf === undefined
      ? false
      : 'position' in asOf
        ? store.comparePositions(record.position, asOf.position) > 0
        : Date.parse(readRecordedAt(record.canonical)) > asOf.time.getTime();
  const history: RecordedEvent[] = [];
  let fromRevision = options.fromRevision ?? 0;
  while (history.length < limit) {
    const want = Math.min(PAGE, limit - history.length);
    const page = await store.readStreamRecords(stream, { fromRevision, limit: want });
    if (page.length === 0 && history.length === 0) await store.readStream(stream, { limit: 1 }); // not found?
    for (const record of page) {
      if (after(record)) return history;
      history.push(openRecord(record));
    }
    if (page.length < want) return history;
    fromRevision = page[page.length - 1].revision + 1;
  }
  return history;
}
