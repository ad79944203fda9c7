import fc from 'fast-check';
import { linksTo, readChainLinks, readRecordedAt } from './chain-links';
import { type HashedEnvelope, sealEnvelope } from './envelope';

const envelope = fc.record({
  eventId: fc.uuid(),
  type: fc.string(),
  schemaVersion: fc.integer({ min: 1, max: 9 }),
  stream: fc.string(),
  revision: fc.nat(),
  data: fc.jsonValue(),
  metadata: fc.record({
    actor: fc.record({
      accountId: fc.string(),
      partnerId: fc.option(fc.string()),
      roles: fc.array(fc.string()),
    }),
    commandId: fc.string(),
    correlationId: fc.string(),
    occurredAt: fc.string(),
    recordedAt: fc.string(),
    workReason: fc.string(),
    prevHash: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/)),
  }),
});

describe('readChainLinks', () => {
  it('finds the same stream, revision and prevHash as a full parse, whatever the data holds', () => {
    fc.assert(
      fc.property(envelope, (e) => {
        const { canonical } = sealEnvelope(e as HashedEnvelope);
        const parsed = JSON.parse(canonical) as HashedEnvelope;
        expect(readChainLinks(canonical)).toEqual({
          stream: parsed.stream,
          revision: parsed.revision,
          prevHash: parsed.metadata.prevHash,
        });
      }),
      { numRuns: 500 },
    );
  });

  it("reads recordedAt as a full parse does, whatever the data holds (the ledger's clock writes no quotes)", () => {
    fc.assert(
      fc.property(envelope, fc.date({ noInvalidDate: true }), (e, at) => {
        const recordedAt = at.toISOString();
        const { canonical } = sealEnvelope({
          ...e,
          metadata: { ...e.metadata, recordedAt },
        } as HashedEnvelope);
        expect(readRecordedAt(canonical)).toBe(recordedAt);
      }),
      { numRuns: 300 },
    );
  });

  it('is not fooled by envelope keys inside the data', () => {
    const { canonical } = sealEnvelope({
      eventId: 'e',
      type: 'T',
      schemaVersion: 1,
      stream: 'real-1',
      revision: 4,
      data: {
        prevHash: 'f'.repeat(64),
        revision: 99,
        stream: 'fake-2',
        recordedAt: 'never',
        note: '"prevHash":"x","stream":"y","recordedAt":"z"',
      },
      metadata: {
        actor: { accountId: 'a', partnerId: null, roles: [] },
        commandId: 'c',
        correlationId: 'c',
        occurredAt: 't',
        recordedAt: 't',
        prevHash: 'a'.repeat(64),
      },
    });
    expect(readChainLinks(canonical)).toEqual({ stream: 'real-1', revision: 4, prevHash: 'a'.repeat(64) });
    expect(readRecordedAt(canonical)).toBe('t');
  });

  it('reads forged, malformed bytes exactly as a JSON.parse of each field would', () => {
    // The field readers before their fast paths for plain strings, hex hashes and null.
    const reference = (canonical: string) => {
      const prev = canonical.lastIndexOf('"prevHash":');
      const rev = canonical.lastIndexOf('"revision":');
      const str = canonical.lastIndexOf('"stream":');
      const type = canonical.lastIndexOf(',"type":');
      if (prev < 0 || rev < prev || str < rev || type < str) return undefined;
      const prevValue = canonical.slice(prev + 11, canonical.indexOf(',', prev));
      try {
        return {
          stream: JSON.parse(canonical.slice(str + 9, type)),
          revision: Number(canonical.slice(rev + 11, canonical.indexOf(',', rev))),
          prevHash: prevValue === 'null' ? null : JSON.parse(prevValue.replace(/}$/, '')),
        };
      } catch {
        return undefined;
      }
    };
    const piece = fc.oneof(
      fc.constantFrom('"', '\\', ',', '}', 'null', '\u0001', 'a'.repeat(64), `"${'a'.repeat(64)}"`, 'A', 'x'),
      fc.stringMatching(/^[0-9a-f]{1,3}$/),
    );
    const text = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''));
    const same = (prevHash: string, stream: string) => {
      const canonical = `{"data":{},"metadata":{"prevHash":${prevHash},"recordedAt":"t"},"revision":3,"schemaVersion":1,"stream":${stream},"type":"T"}`;
      expect(readChainLinks(canonical)).toEqual(reference(canonical));
    };
    fc.assert(fc.property(text, text, same), { numRuns: 3000 });
    // 64 characters between quotes that are not a hash: an escaped quote, upper case.
    same(`"${'a'.repeat(31)}\\"${'a'.repeat(31)}"`, '"s"');
    same(`"${'A'.repeat(64)}"`, '"s"');
    same(`"${'a'.repeat(64)}"}`, '"s"');
  });

  it('answers undefined for bytes that are not an envelope', () => {
    expect(readChainLinks('{"hello":"world"}')).toBeUndefined();
  });

  describe('linksTo', () => {
    it("confirms an envelope's own links, and only those", () => {
      fc.assert(
        fc.property(envelope, fc.string(), fc.nat(), (e, otherStream, otherRevision) => {
          const { canonical } = sealEnvelope(e as HashedEnvelope);
          const { stream, revision, metadata } = e;
          const prevHash = metadata.prevHash;
          // Names JSON would escape, and types with a quote, are left to readChainLinks.
          const plain = JSON.stringify(stream) === `"${stream}"` && !e.type.includes('"');
          expect(linksTo(canonical, stream, revision, prevHash)).toBe(plain);
          if (otherStream !== stream) expect(linksTo(canonical, otherStream, revision, prevHash)).toBe(false);
          if (otherRevision !== revision)
            expect(linksTo(canonical, stream, otherRevision, prevHash)).toBe(false);
          expect(linksTo(canonical, stream, revision, prevHash === null ? 'b'.repeat(64) : null)).toBe(false);
        }),
        { numRuns: 1000 },
      );
    });

    it('never confirms links that readChainLinks would read otherwise, in forged, malformed bytes', () => {
      const hash = 'a'.repeat(64);
      const piece = fc.constantFrom(
        '"',
        '\\',
        ',',
        '}',
        '},',
        'null',
        '\u0001',
        '3',
        '0',
        '.0',
        's',
        'x',
        `"${hash}"`,
        hash,
      );
      const text = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(''));
      // Each field either as the claim would have it or forged, so that near misses are common.
      // Each field mostly as the claim has it, else a near miss or noise, so one wrong field is common.
      const field = (valid: string, nearMisses: string[]) =>
        fc.oneof(
          { arbitrary: fc.constant(valid), weight: 4 },
          { arbitrary: fc.constantFrom(...nearMisses), weight: 2 },
          { arbitrary: text, weight: 1 },
        );
      const prevHashText = fc.oneof(
        field(`"${hash}"`, [`"${hash}`, `"${hash}x`, `x${hash}"`, `"${hash}"}x`, `"${hash.toUpperCase()}"`]),
        field('null', ['nullx', 'null}x', 'nul', 'null}']),
      );
      const revisionText = field('3', ['3.0', '03', '3x', '30', '-3']);
      const streamText = field('"s"', [
        '"sx',
        'xs"',
        '"s',
        's"',
        '"s"x',
        '"\\u0073"',
        '"a"b"',
        '"x\\"',
        '"\u0001"',
      ]);
      const claims = fc.tuple(
        fc.oneof({ arbitrary: fc.constant('s'), weight: 4 }, fc.constantFrom('a"b', 'x\\', '\u0001', '')),
        fc.oneof({ arbitrary: fc.constant(3), weight: 4 }, fc.constantFrom(30, 0)),
        fc.constantFrom(null, hash),
      );
      let confirmed = 0;
      fc.assert(
        fc.property(
          prevHashText,
          revisionText,
          streamText,
          claims,
          (prevHash, revision, stream, [s, r, p]) => {
            const canonical = `{"data":{},"metadata":{"prevHash":${prevHash},"recordedAt":"t"},"revision":${revision},"schemaVersion":1,"stream":${stream},"type":"T"}`;
            if (linksTo(canonical, s, r, p)) {
              confirmed += 1;
              expect(readChainLinks(canonical)).toEqual({ stream: s, revision: r, prevHash: p });
            }
          },
        ),
        { numRuns: 20_000 },
      );
      expect(confirmed).toBeGreaterThan(10);
      const real = `{"data":{},"metadata":{"prevHash":"${'a'.repeat(64)}"},"revision":3,"schemaVersion":1,"stream":"s","type":"T"}`;
      expect(linksTo(real, 's', 3, 'a'.repeat(64))).toBe(true);
      expect(linksTo(real.replace('"revision":3', '"revision":3.0'), 's', 3, 'a'.repeat(64))).toBe(false);
      expect(linksTo(real.replace('"stream":"s"', '"stream":"\\u0073"'), 's', 3, 'a'.repeat(64))).toBe(false);
    });
  });
});
