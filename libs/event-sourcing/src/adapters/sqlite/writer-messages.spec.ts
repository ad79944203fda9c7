import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import type { AppendOutcome, WriteRequest } from './sqlite-writer';
import { decodeBatch, decodeOutcomes, encodeBatch, encodeOutcomes } from './writer-messages';

// What the thread boundary does to a message: a structured clone.
const acrossThreads = <T>(value: T): T => deserialize(serialize(value)) as T;

const expectedRevision = fc.oneof(
  fc.nat(),
  fc.constantFrom('any' as const, 'no_stream' as const, 'stream_exists' as const),
);
const event = fc.record(
  { type: fc.string(), data: fc.string(), tail: fc.string(), invalid: fc.string() },
  { requiredKeys: ['type', 'data', 'tail'] },
);
const append = fc.record(
  {
    stream: fc.string(),
    expectedRevision,
    commandId: fc.string(),
    receipt: fc.string(),
    envelope: fc.record({
      stream: fc.string(),
      metadata: fc.tuple(fc.string(), fc.string(), fc.string()),
      events: fc.array(event, { minLength: 1, maxLength: 3 }),
    }),
  },
  { requiredKeys: ['stream', 'expectedRevision', 'commandId', 'envelope'] },
);
const secret = fc.record({ secret: fc.record({ id: fc.string(), value: fc.option(fc.string()) }) });

const outcome: fc.Arbitrary<AppendOutcome> = fc.oneof(
  fc.record(
    {
      ok: fc.constant(true as const),
      stream: fc.string(),
      revision: fc.nat(),
      position: fc.nat(),
      duplicate: fc.boolean(),
      receipt: fc.option(fc.string()),
    },
    { requiredKeys: ['ok', 'stream', 'revision', 'position', 'duplicate'] },
  ),
  fc.record({
    ok: fc.constant(false as const),
    kind: fc.constant('wrong-revision' as const),
    expected: expectedRevision,
    actual: fc.oneof(fc.nat(), fc.constant('no_stream' as const)),
  }),
  fc.record({ ok: fc.constant(false as const), kind: fc.constant('invalid' as const), message: fc.string() }),
  fc.record({ ok: fc.constant(true as const), secret: fc.string() }),
);

describe('writer messages', () => {
  it('carry a batch of appends and secrets across threads unchanged', () => {
    const requests = fc.array(fc.oneof(append, secret), { maxLength: 6 }) as fc.Arbitrary<WriteRequest[]>;
    fc.assert(
      fc.property(fc.string(), requests, (recordedAt, requests) => {
        expect(decodeBatch(acrossThreads(encodeBatch({ recordedAt, requests })))).toEqual({
          recordedAt,
          requests,
        });
      }),
    );
  });

  it('carry outcomes back unchanged', () => {
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 6 }), (outcomes) => {
        expect(decodeOutcomes(acrossThreads(encodeOutcomes(outcomes)))).toEqual(outcomes);
      }),
    );
  });
});
