import fc from 'fast-check';
import { canonicalMember } from './canonical-json';
import { type HashedEnvelope, sealEnvelope, sealWithData } from './envelope';

const metadata = fc.record(
  {
    actor: fc.record({
      accountId: fc.string(),
      partnerId: fc.option(fc.string()),
      roles: fc.array(fc.string()),
    }),
    commandId: fc.string(),
    correlationId: fc.string(),
    causationId: fc.string(),
    occurredAt: fc.string(),
    recordedAt: fc.string(),
    workReason: fc.string(),
    prevHash: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/)),
  },
  { requiredKeys: ['actor', 'commandId', 'correlationId', 'occurredAt', 'recordedAt', 'prevHash'] },
);

describe('sealWithData', () => {
  it('seals (or refuses) exactly as sealEnvelope does, from the canonical text of the data', () => {
    const data = fc.oneof(
      fc.jsonValue(),
      fc.anything({ withBoxedValues: true, withDate: true, withNullPrototype: true, withSparseArray: true }),
      fc.constantFrom(undefined, () => 1, { toJSON: () => undefined }),
    );
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.string(),
        fc.integer({ min: 1, max: 9 }),
        fc.string(),
        fc.nat(),
        data,
        metadata,
        (eventId, type, schemaVersion, stream, revision, data, metadata) => {
          const rest = { eventId, type, schemaVersion, stream, revision, metadata } as Omit<
            HashedEnvelope,
            'data'
          >;
          const outcome = (seal: () => unknown) => {
            try {
              return seal();
            } catch (error) {
              return { refused: (error as Error).message };
            }
          };
          expect(outcome(() => sealWithData(rest, canonicalMember(data)))).toEqual(
            outcome(() => sealEnvelope({ ...rest, data })),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
