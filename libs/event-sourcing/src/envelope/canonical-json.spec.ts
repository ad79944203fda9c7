import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json';
import { sha256Hex } from './envelope';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units at every level and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '1': 4 })).toBe(
      '{"\\r":2,"1":4,"€":1,"😀":3}',
    );
  });

  it('writes numbers the ECMAScript way', () => {
    expect(canonicalJson([1e21, 1e-7, 0.000001, -0, 333333333.3333333])).toBe(
      '[1e+21,1e-7,0.000001,0,333333333.3333333]',
    );
  });

  it('leaves out undefined members, so optional metadata hashes the same absent or undefined', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(10n)).toThrow();
  });

  it('hashes with SHA-256 in lower-case hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  describe("gives the reference library's answer (text or error) for any value", () => {
    const same = (value: unknown) => {
      let expected: string | undefined;
      let error: unknown;
      try {
        expected = canonicalize(value);
      } catch (e) {
        error = e;
      }
      if (error !== undefined) expect(() => canonicalJson(value)).toThrow((error as Error).message);
      else if (expected === undefined) expect(() => canonicalJson(value)).toThrow(TypeError);
      else expect(canonicalJson(value)).toBe(expected);
    };
    // Keys and strings from the whole UTF-16 range, lone surrogates included.
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.constantFrom('\ud800', 'a\udfff', '\u0000"\\\n'),
    );
    const key = fc.oneof(text, fc.constantFrom('__proto__', '1', '10', '2', 'a', 'A', '\u20ac'));

    it('JSON values, with keys in any order', () => {
      fc.assert(fc.property(fc.jsonValue(), same), { numRuns: 2000 });
    });

    it('anything: undefined, NaN, -0, bigint, boxed values, dates, maps, typed arrays, null prototypes, holes', () => {
      const anything = fc.anything({
        key,
        values: [
          text,
          fc.double(),
          fc.integer(),
          fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, 1e-7),
          fc.boolean(),
          fc.constant(null),
          fc.constant(undefined),
        ],
        maxDepth: 4,
        withBigInt: true,
        withBoxedValues: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withObjectString: true,
        withSparseArray: true,
        withTypedArray: true,
      });
      fc.assert(fc.property(anything, same), { numRuns: 3000 });
    });

    it('objects with toJSON, functions, symbols, accessors and cycles', () => {
      const cyclic: Record<string, unknown> = { b: 1 };
      cyclic.a = { c: cyclic };
      for (const value of [
        { b: { toJSON: () => 'x' }, a: 1 },
        { toJSON: () => ({ z: 1, y: [2, undefined] }) },
        { a: () => 1, b: Symbol('s'), c: [() => 1, Symbol('t')] },
        Object.defineProperty({ b: 2 }, 'a', { get: () => ({ d: 1, c: 2 }), enumerable: true }),
        Object.assign(Object.create({ inherited: 1 }), { own: 1 }),
        new (class Point {
          constructor(
            readonly y = 1,
            readonly x = 2,
          ) {}
        })(),
        cyclic,
        [cyclic],
        { '\ud800': 1 },
        ['\udfff'],
      ]) {
        same(value);
      }
    });

    it('nesting deeper than the fast path goes', () => {
      let sorted: unknown = { a: 1 };
      let unsorted: unknown = { b: 1, a: 2 };
      for (let i = 0; i < 200; i++) {
        sorted = { a: [sorted] };
        unsorted = { z: unsorted, y: [i] };
      }
      same(sorted);
      same(unsorted);
    });
  });
});
