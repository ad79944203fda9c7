import type { Position as EsdbPosition } from '@eventstore/db-client';
import type { Position } from '../../store/event-store';

/** Both halves are unsigned 64-bit log offsets: 20 decimal digits at most. */
const WIDTH = 20;
const U64_MAX = 2n ** 64n - 1n;
const TOKEN = /^(\d{1,20})\/(\d{1,20})$/;

/**
 * `$all` positions are a (commit, prepare) pair of transaction-log offsets. The port's Position is the
 * pair as `CCCCCCCCCCCCCCCCCCCC/PPPPPPPPPPPPPPPPPPPP`, each half zero-padded to 20 digits, so comparing
 * two tokens as strings orders them exactly as the server orders `$all` (commit first, then prepare).
 */
export function encodePosition(position: EsdbPosition): Position {
  const { commit, prepare } = position;
  // Servers before 22.6 leave stream reads without a position and send u64::MAX in its place.
  if (commit === U64_MAX || prepare === U64_MAX) {
    throw new Error(
      'the server sent no $all position for an event: KurrentDB/EventStoreDB 23.10 or later is needed',
    );
  }
  if (commit < 0n || prepare < 0n || commit > U64_MAX || prepare > U64_MAX) {
    throw new RangeError(`not a log position: ${commit}/${prepare}`);
  }
  return `${pad(commit)}/${pad(prepare)}` as Position;
}

export function decodePosition(position: Position): EsdbPosition {
  const parsed = parseEsdbPosition(position);
  if (!parsed) throw new TypeError(`not an EventStoreDB position: ${position}`);
  const [commit, prepare] = parsed.split('/');
  return { commit: BigInt(commit), prepare: BigInt(prepare) };
}

/**
 * Accepts `C/P` with or without the padding and answers the canonical (padded) token, or undefined.
 * A commit before its prepare is not a position the server can produce (the commit record follows
 * the prepares it commits), so it is refused.
 */
export function parseEsdbPosition(token: string): Position | undefined {
  const match = TOKEN.exec(token);
  if (!match) return undefined;
  const commit = BigInt(match[1]);
  const prepare = BigInt(match[2]);
  if (commit >= U64_MAX || prepare >= U64_MAX || commit < prepare) return undefined;
  return `${pad(commit)}/${pad(prepare)}` as Position;
}

/** Negative, zero or positive; canonical tokens compare as strings because both halves are fixed-width. */
export function compareEsdbPositions(a: Position, b: Position): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pad(value: bigint): string {
  return value.toString(10).padStart(WIDTH, '0');
}
