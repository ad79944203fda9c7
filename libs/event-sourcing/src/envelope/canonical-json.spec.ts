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
});
