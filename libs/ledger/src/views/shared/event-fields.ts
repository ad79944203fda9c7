import type { RecordedEvent } from '@ledger/event-sourcing';
import { isLocalDate } from '../calendar/local-date';

/**
 * Reading event data defensively: views are built from every event ever recorded, including events of
 * older shapes or of categories still being written, so a missing or odd field becomes null, never a throw.
 */
export type Fields = Record<string, unknown>;

export const fieldsOf = (event: RecordedEvent): Fields =>
  typeof event.data === 'object' && event.data !== null ? (event.data as Fields) : {};

export const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/** A timestamp as UTC ISO-8601 (so that rows compare as text in both databases), or null. */
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function instant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (UTC_ISO.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** A plain date `YYYY-MM-DD`; a timestamp is cut to its UTC date. */
export function plainDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (isLocalDate(value)) return value;
  return instant(value)?.slice(0, 10) ?? null;
}

/** The business time of an event (its command's `occurredAt`), else when the ledger recorded it. */
export const occurredAt = (event: RecordedEvent): string =>
  instant(event.metadata.occurredAt) ?? instant(event.metadata.recordedAt) ?? event.metadata.recordedAt;

/** The id in a stream name `<category>-<id>`. */
export const streamId = (event: RecordedEvent): string => event.stream.slice(event.stream.indexOf('-') + 1);

export const actorOf = (event: RecordedEvent) => ({
  accountId: text(event.metadata.actor?.accountId),
  partnerId: text(event.metadata.actor?.partnerId),
});
