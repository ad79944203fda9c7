import fc from 'fast-check';
import type { Position } from '../../store/event-store';
import { compareEsdbPositions, decodePosition, encodePosition, parseEsdbPosition } from './esdb-positions';

const U64_MAX = 2n ** 64n - 1n;
const offset = fc.bigInt({ min: 0n, max: U64_MAX - 1n });
/** Commit is never before prepare: the commit record follows the prepares it commits. */
const logPosition = fc
  .tuple(offset, offset)
  .map(([a, b]) => (a >= b ? { commit: a, prepare: b } : { commit: b, prepare: a }));

describe('EventStoreDB positions', () => {
  it('encodes commit/prepare zero-padded and decodes them back', () => {
    expect(encodePosition({ commit: 1234n, prepare: 1200n })).toBe(
      '00000000000000001234/00000000000000001200',
    );
    fc.assert(
      fc.property(logPosition, (position) => {
        expect(decodePosition(encodePosition(position))).toEqual(position);
      }),
    );
  });

  it('orders tokens as text exactly as the server orders $all: commit, then prepare', () => {
    fc.assert(
      fc.property(logPosition, logPosition, (a, b) => {
        const expected = a.commit === b.commit ? Number(a.prepare - b.prepare) : Number(a.commit - b.commit);
        expect(Math.sign(compareEsdbPositions(encodePosition(a), encodePosition(b)))).toBe(
          Math.sign(expected),
        );
      }),
    );
  });

  it('parses its own tokens and unpadded ones into the canonical token', () => {
    fc.assert(
      fc.property(logPosition, (position) => {
        const token = encodePosition(position);
        expect(parseEsdbPosition(token)).toBe(token);
        expect(parseEsdbPosition(`${position.commit}/${position.prepare}`)).toBe(token);
      }),
    );
  });

  it.each([
    'not a position',
    '',
    '12',
    '12/',
    '-1/0',
    '1/2',
    '1.5/1',
    ' 1/1',
    '00000000000000000001/00000000000000000001/1',
    '18446744073709551615/0',
    '99999999999999999999/1',
    '123456789012345678901/1',
  ])('refuses %j', (token) => {
    expect(parseEsdbPosition(token)).toBeUndefined();
  });

  it('refuses the "no position" marker old servers put on stream reads', () => {
    expect(() => encodePosition({ commit: U64_MAX, prepare: U64_MAX })).toThrow(/23\.10/);
    expect(() => decodePosition('1/x' as Position)).toThrow(TypeError);
  });
});
