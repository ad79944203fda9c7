import {
  ANY,
  type AppendExpectedRevision,
  type CurrentRevision,
  StreamNotFoundError as EsdbStreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  NO_STREAM,
  STREAM_EXISTS,
} from '@eventstore/db-client';
import {
  type ExpectedRevision,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../../store/event-store';

/** The port's expectation as the client spells it: the four cases map one to one. */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (!Number.isSafeInteger(expected) || expected < 0) {
        throw new RangeError(`expected revision must be a non-negative integer, got ${expected}`);
      }
      return BigInt(expected);
  }
}

export function fromEsdbExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  switch (expected) {
    case ANY:
    case NO_STREAM:
    case STREAM_EXISTS:
      return expected;
    default:
      // Errors built from a call's trailers (delete, tombstone) carry the server's numeric codes.
      if (expected === -1n) return NO_STREAM;
      if (expected === -2n) return ANY;
      if (expected === -4n) return STREAM_EXISTS;
      return toRevision(expected);
  }
}

/** The server's "current revision" of a stream: its last event's revision, or no_stream. */
export function fromEsdbCurrentRevision(current: CurrentRevision): number | 'no_stream' {
  return current === NO_STREAM || current < 0n ? NO_STREAM : toRevision(current);
}

export function toRevision(value: bigint): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`revision out of range: ${value}`);
  return Number(value);
}

/**
 * The client's errors as the port's typed errors, named by the port's stream (the server's name may
 * carry the adapter's stream prefix). Anything else passes through unchanged.
 */
export function toPortError(error: unknown, stream: string): unknown {
  if (error instanceof EsdbWrongExpectedVersionError) {
    return new WrongExpectedRevisionError(
      stream,
      fromEsdbExpectedRevision(error.expectedVersion),
      fromEsdbCurrentRevision(error.actualVersion),
    );
  }
  if (error instanceof EsdbStreamNotFoundError) return new StreamNotFoundError(stream);
  return error;
}

/** Connection trouble worth a retry (server restarting, leader change), as opposed to a refusal. */
export function isTransientError(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  if (typeof type === 'string') {
    return ['unavailable', 'cancelled', 'deadline-exceeded', 'timeout', 'not-leader', 'unknown'].includes(
      type,
    );
  }
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 14 || code === 1 || code === 13;
}
