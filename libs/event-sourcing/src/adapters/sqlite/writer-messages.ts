import type { PreparedEnvelope } from '../../envelope/envelope-parts';
import type { ExpectedRevision } from '../../store/event-store';
import type { AppendOutcome, WriteRequest } from './sqlite-writer';

/**
 * Batches and their outcomes as they cross between threads: flat arrays of strings and numbers. A
 * structured clone of nested objects is read and written property by property; for a batch of 64
 * appends, measured: serialise 87 -> 25 us, deserialise 142 -> 26 us; outcomes 17 -> 5 and 33 -> 8 us.
 */
export type FlatMessage = unknown[];

export interface WriterBatch {
  recordedAt: string;
  requests: WriteRequest[];
}

const APPEND = 0;
const SECRET = 1;

export function encodeBatch({ recordedAt, requests }: WriterBatch): FlatMessage {
  const flat: FlatMessage = [recordedAt, requests.length];
  for (const request of requests) {
    if ('secret' in request) {
      flat.push(SECRET, request.secret.id, request.secret.value);
      continue;
    }
    const { stream, expectedRevision, commandId, receipt, envelope } = request;
    flat.push(
      APPEND,
      stream,
      expectedRevision,
      commandId,
      receipt ?? null,
      envelope.stream,
      ...envelope.metadata,
    );
    flat.push(envelope.events.length);
    for (const event of envelope.events) flat.push(event.type, event.data, event.tail, event.invalid ?? null);
  }
  return flat;
}

export function decodeBatch(flat: FlatMessage): WriterBatch {
  let at = 0;
  const next = <T>() => flat[at++] as T;
  const recordedAt = next<string>();
  const requests: WriteRequest[] = [];
  for (let count = next<number>(); count > 0; count--) {
    if (next<number>() === SECRET) {
      requests.push({ secret: { id: next<string>(), value: next<string | null>() } });
      continue;
    }
    const stream = next<string>();
    const expectedRevision = next<ExpectedRevision>();
    const commandId = next<string>();
    const receipt = next<string | null>() ?? undefined;
    const envelope: PreparedEnvelope = {
      stream: next<string>(),
      metadata: [next<string>(), next<string>(), next<string>()],
      events: [],
    };
    for (let events = next<number>(); events > 0; events--) {
      const [type, data, tail, invalid] = [
        next<string>(),
        next<string>(),
        next<string>(),
        next<string | null>(),
      ];
      envelope.events.push(invalid === null ? { type, data, tail } : { type, data, tail, invalid });
    }
    requests.push(
      receipt === undefined
        ? { stream, expectedRevision, commandId, envelope }
        : { stream, expectedRevision, commandId, receipt, envelope },
    );
  }
  return { recordedAt, requests };
}

const APPENDED = 0;
const KEPT = 1;
const WRONG_REVISION = 2;
const INVALID = 3;

/** Six slots per outcome: a kind, then what that kind carries. */
export function encodeOutcomes(outcomes: readonly AppendOutcome[]): FlatMessage {
  const flat: FlatMessage = [];
  for (const outcome of outcomes) {
    if ('secret' in outcome) flat.push(KEPT, outcome.secret, 0, 0, null, null);
    else if (outcome.ok) {
      const { stream, revision, position, duplicate, receipt } = outcome;
      flat.push(APPENDED, stream, revision, position, duplicate, receipt);
    } else if (outcome.kind === 'wrong-revision') {
      flat.push(WRONG_REVISION, outcome.expected, outcome.actual, 0, null, null);
    } else flat.push(INVALID, outcome.message, 0, 0, null, null);
  }
  return flat;
}

export function decodeOutcomes(flat: FlatMessage): AppendOutcome[] {
  const outcomes: AppendOutcome[] = [];
  for (let at = 0; at < flat.length; at += 6) {
    const [kind, a, b, c, d, e] = flat.slice(at, at + 6);
    if (kind === KEPT) outcomes.push({ ok: true, secret: a as string });
    else if (kind === APPENDED) {
      const outcome = {
        ok: true as const,
        stream: a as string,
        revision: b as number,
        position: c as number,
        duplicate: d as boolean,
      };
      outcomes.push(e === undefined ? outcome : { ...outcome, receipt: e as string | null });
    } else if (kind === WRONG_REVISION) {
      outcomes.push({
        ok: false,
        kind: 'wrong-revision',
        expected: a as ExpectedRevision,
        actual: b as number | 'no_stream',
      });
    } else outcomes.push({ ok: false, kind: 'invalid', message: a as string });
  }
  return outcomes;
}
