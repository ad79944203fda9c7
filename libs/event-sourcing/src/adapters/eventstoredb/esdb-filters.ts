import { eventTypeFilter, type Filter, streamNameFilter } from '@eventstore/db-client';
import { type ReadAllOptions, streamCategory } from '../../store/event-store';

/** The ledger's own bookkeeping event (see esdb-command-log.ts): never part of the history it serves. */
export const ATTEMPT_EVENT_TYPE = 'LedgerCommandAttempt';

/**
 * Port stream names ↔ server stream names. Streams map one to one; an optional prefix keeps several
 * ledgers (or test runs) apart on one server, each seeing only its own streams in `$all`.
 */
export class StreamNaming {
  constructor(readonly prefix = '') {
    if (prefix.startsWith('$')) throw new TypeError('a stream prefix must not start with $ (system streams)');
  }

  toServer(stream: string): string {
    return this.prefix + stream;
  }

  /** The port's name, or undefined for a server stream outside this ledger's prefix. */
  toPort(serverStream: string): string | undefined {
    return serverStream.startsWith(this.prefix) ? serverStream.slice(this.prefix.length) : undefined;
  }

  commandStream(commandId: string): string {
    return `${this.prefix}command-${commandId}`;
  }
}

export interface AllFilter {
  /** What the server filters on (it can filter on one of stream name or event type). */
  server: Filter;
  /** The whole rule, applied again client-side: the other dimension, system events, bookkeeping. */
  accepts(event: { streamId: string; type: string }): boolean;
}

/**
 * `$all` filtered server-side so system events (`$`-prefixed types, `$`-prefixed streams), the
 * ledger's bookkeeping and other ledgers' streams mostly never cross the wire. The server filters on
 * one dimension: stream names when a prefix or categories narrow them, otherwise event types.
 */
export function allFilter(naming: StreamNaming, filter: ReadAllOptions['filter'] = {}): AllFilter {
  const categories = filter.categories?.length ? new Set(filter.categories) : undefined;
  const types = filter.types?.length ? new Set(filter.types) : undefined;
  let server: Filter;
  if (naming.prefix || categories) {
    const names = categories ? `(?:${[...categories].map(escapeRegex).join('|')})(?:-|$)` : '';
    server = streamNameFilter({ regex: `^${escapeRegex(naming.prefix)}${names}` });
  } else if (types) {
    server = eventTypeFilter({ regex: `^(?:${[...types].map(escapeRegex).join('|')})$` });
  } else {
    server = eventTypeFilter({ regex: `^(?!\\$)(?!${escapeRegex(ATTEMPT_EVENT_TYPE)}$)` });
  }
  return {
    server,
    accepts({ streamId, type }) {
      if (type.startsWith('$') || streamId.startsWith('$') || type === ATTEMPT_EVENT_TYPE) return false;
      const stream = naming.toPort(streamId);
      if (stream === undefined) return false;
      if (categories && !categories.has(streamCategory(stream))) return false;
      return !types || types.has(type);
    },
  };
}

/** Escapes the metacharacters .NET (the server) and JavaScript regular expressions share. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
