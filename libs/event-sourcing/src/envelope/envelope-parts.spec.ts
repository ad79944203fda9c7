import fc from 'fast-check';
import type { CommandMetadata } from '../store/event-store';
import { type HashedEnvelope, sealEnvelope } from './envelope';
import { prepareEnvelope, sealPrepared } from './envelope-parts';

const outcome = (seal: () => { canonical: string; hash: string }) => {
  try {
    return seal();
  } catch (error) {
    return { refused: (error as Error).message };
  }
};

// Keys on every side of the two the writer adds, the two themselves, and keys JSON escapes.
const key = fc.oneof(
  fc.constantFrom(
    'a',
    'prevHash',
    'prevHash0',
    'q',
    'recordedAt',
    'recordedAtx',
    'z',
    '__proto__',
    '\u20ac',
    '"',
  ),
  fc.string({ maxLength: 4 }),
);
const value = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 5 },
  fc.constantFrom(undefined, Number.NaN, 10n, '\ud800', () => 1, new Date(0), { toJSON: () => undefined }),
);
const metadata = fc
  .tuple(
    fc.record({
      actor: fc.record({
        accountId: fc.string(),
        partnerId: fc.option(fc.string()),
        roles: fc.array(fc.string()),
      }),
      commandId: fc.string(),
      correlationId: fc.string(),
      occurredAt: fc.string(),
    }),
    fc.array(fc.tuple(key, value), { maxLength: 4 }),
  )
  .map(([known, extra]) => {
    const all: Record<string, unknown> = { ...known };
    for (const [k, v] of extra) Object.defineProperty(all, k, { value: v, enumerable: true, writable: true });
    return all as unknown as CommandMetadata;
  });
const event = fc.record(
  {
    type: fc.oneof(fc.string(), fc.constant('\udfff')),
    data: value,
    schemaVersion: fc.oneof(
      fc.integer({ min: 1, max: 9 }),
      fc.constantFrom(Number.POSITIVE_INFINITY, undefined),
    ),
  },
  { requiredKeys: ['type', 'data'] },
);

describe('sealPrepared', () => {
  it('seals (or refuses) each event exactly as sealEnvelope does on the whole envelope', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constant('a\ud800')),
        metadata,
        fc.array(event, { minLength: 1, maxLength: 3 }),
        fc.uuid(),
        fc.nat(),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.option(fc.stringMatching(/^[0-9a-f]{64}$/)),
        (stream, metadata, events, eventId, revision, recordedAt, prevHash) => {
          const prepared = prepareEnvelope(stream, metadata, events);
          events.forEach((e, i) => {
            const parts = prepared.events[i];
            const actual = parts.invalid
              ? { refused: parts.invalid }
              : outcome(() => sealPrepared(prepared, parts, { eventId, revision, recordedAt, prevHash }));
            const envelope = {
              eventId,
              type: e.type,
              schemaVersion: e.schemaVersion ?? 1,
              stream,
              revision,
              data: e.data,
              metadata: { ...metadata, recordedAt, prevHash },
            } as HashedEnvelope;
            expect(actual).toEqual(outcome(() => sealEnvelope(envelope)));
          });
        },
      ),
      { numRuns: 3000 },
    );
  });
});
