import fc from 'fast-check';
import { blockingKeys, hashKey, MAX_BLOCKING_KEYS } from './blocking';
import type { Identity } from './identity';
import { identityArbitrary } from './testing/arbitraries';

const ana: Identity = {
  firstName: 'Ana',
  lastName: 'Reyes',
  dateOfBirth: '1990-04-12',
  ssnHash: 'f'.repeat(64),
  ssnLast4: '6789',
  address: { line1: '12 Oak St', city: 'Milwaukee', state: 'WI', postalCode: '53202-1234' },
  phone: '(414) 555-0123',
};

const shared = (a: Identity, b: Identity) => blockingKeys(a).filter((key) => blockingKeys(b).includes(key));

describe('blocking keys', () => {
  it('are the SSN hash, the date of birth, the surname sound with year and with birthday, the given-name sound with ZIP, the phone', () => {
    expect(blockingKeys(ana)).toEqual([
      `ssn:${'f'.repeat(64)}`,
      'dob:19900412',
      'surname-year:RS:1990',
      'surname-birthday:RS:412',
      'given-postal:AN:53202',
      'phone:4145550123',
    ]);
  });

  it('leave out what the identity lacks', () => {
    expect(blockingKeys({ firstName: 'Ana', lastName: '', dateOfBirth: 'unknown' })).toEqual([]);
    expect(blockingKeys({ firstName: 'Ana', lastName: 'Reyes', dateOfBirth: '1990-04-12' })).toEqual([
      'dob:19900412',
      'surname-year:RS:1990',
      'surname-birthday:RS:412',
    ]);
  });

  it('survive single mistakes of the kinds duplicates carry', () => {
    const changes: Partial<Identity>[] = [
      { firstName: 'Anita', ssnHash: undefined },
      { lastName: 'Reyez', ssnHash: undefined, phone: undefined },
      { lastName: 'Morales', ssnHash: undefined, phone: undefined },
      { dateOfBirth: '1990-12-04', ssnHash: undefined, phone: undefined },
      { dateOfBirth: '1991-04-12', ssnHash: undefined, phone: undefined, address: undefined },
      { dateOfBirth: '1985-04-12', lastName: 'Morales', ssnHash: undefined, phone: undefined },
    ];
    for (const change of changes) expect(shared(ana, { ...ana, ...change })).not.toEqual([]);
  });

  it('are at most MAX_BLOCKING_KEYS, and an identity always shares all its keys with itself', () => {
    fc.assert(
      fc.property(identityArbitrary(true), (identity) => {
        const keys = blockingKeys(identity);
        expect(keys.length).toBeLessThanOrEqual(MAX_BLOCKING_KEYS);
        expect(blockingKeys(structuredClone(identity))).toEqual(keys);
      }),
    );
  });

  it('hash to well-spread 32-bit numbers', () => {
    expect(hashKey('dob:19900412')).toBe(hashKey('dob:19900412'));
    const buckets = new Set<number>();
    for (let i = 0; i < 10_000; i++) buckets.add(hashKey(`dob:${19000101 + i}`) & 0xfff);
    // 10,000 random values would fill 4096 × (1 - e^(-10000/4096)) ≈ 3,740 of 4,096 buckets.
    expect(buckets.size).toBeGreaterThan(3650);
    expect(hashKey('')).toBeGreaterThanOrEqual(0);
  });
});
