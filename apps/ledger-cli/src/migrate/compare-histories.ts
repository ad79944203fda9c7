import {
  ChainVerifier,
  type EventStoreDbEventStore,
  type Position,
  type StoredRecord,
} from '@ledger/event-sourcing';
import type { EmbeddedLedger } from './embedded-ledger';

const PAGE = 1000;

export interface Comparison {
  /** Source events found in the target, in order, from the first. */
  matched: number;
  /** Source position of the last of them (0: none). */
  after: number;
  /** Where the target stops agreeing with the source, if it does; the target has nothing extra otherwise. */
  difference?: string;
}

/**
 * Walks the target's history beside the source's, event by event in global order: same stream and
 * revision, same bytes, same hash, the same event id on the server as inside the hashed bytes. With a
 * verifier, each target event is also re-hashed and its chain link checked. Stops at the first
 * difference, or where the target ends (a migration that stopped part way resumes from there).
 */
export async function compareHistories(
  source: EmbeddedLedger,
  target: EventStoreDbEventStore,
  upTo: number,
  verifier?: ChainVerifier,
): Promise<Comparison> {
  let after = 0;
  let targetAfter: Position | undefined;
  let matched = 0;
  for (;;) {
    const theirs = await target.readRecordsWithIds({ after: targetAfter, limit: PAGE });
    const ours = source.records(after, upTo, theirs.length || 1);
    for (const [i, record] of theirs.entries()) {
      const expected = ours[i];
      const difference = expected
        ? (differs(expected, record) ?? verifier?.check(record)?.reason)
        : `the target holds ${record.stream}@${record.revision} beyond the source's ${upTo} events`;
      if (difference) {
        const where = expected
          ? `source position ${expected.position} (${expected.stream}@${expected.revision})`
          : 'the end';
        return { matched, after, difference: `at ${where}: ${difference}` };
      }
      matched += 1;
      after = Number(expected.position);
    }
    if (theirs.length < PAGE) return { matched, after };
    targetAfter = theirs[theirs.length - 1].position;
  }
}

function differs(
  expected: StoredRecord,
  found: StoredRecord & { eventId: string; type: string },
): string | undefined {
  if (found.stream !== expected.stream || found.revision !== expected.revision) {
    return `the target has ${found.stream}@${found.revision} there`;
  }
  if (found.canonical !== expected.canonical) return 'the stored bytes differ';
  if (found.hash !== expected.hash) return 'the hash differs';
  const inside = JSON.parse(expected.canonical) as { eventId: string; type: string };
  if (found.eventId !== inside.eventId)
    return `the server's event id is ${found.eventId}, not ${inside.eventId}`;
  if (found.type !== inside.type) return `the server's event type is ${found.type}, not ${inside.type}`;
  return undefined;
}
