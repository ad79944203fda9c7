import fc from 'fast-check';
import type { Identity } from '../identity';

/** Small vocabularies so that random identities often agree, nearly agree, or are nicknames of each other. */
const GIVEN = [
  'Ana',
  'Anita',
  'ANA',
  'Bill',
  'William',
  'Will',
  'Peggy',
  'Margaret',
  'José',
  'Jose',
  'Jon',
  'John',
  'J',
  'Mary Jane',
];
const FAMILY = [
  'Reyes',
  'Reyes Jr.',
  'Smith',
  'Schmidt',
  'García López',
  'Lopez',
  "O'Brien",
  'Obrien',
  'De la Cruz',
  'Nguyen',
];
const LINES = ['12 Oak Street', '12 Oak St', '21 Oak St', '12 Oak St Apt 4', '900 Lake Drive', '12 Elm Ave'];
const HASHES = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)];

const date = fc
  .record({
    year: fc.integer({ min: 1930, max: 2010 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);

const near = <T>(values: readonly T[]) => fc.constantFrom(...values);

/** Identities drawn from a small world; `anyText` mixes in arbitrary strings for names and dates. */
export function identityArbitrary(anyText = false): fc.Arbitrary<Identity> {
  const text = (values: string[]) =>
    anyText ? fc.oneof(near(values), fc.string({ maxLength: 12 })) : near(values);
  return fc
    .record(
      {
        firstName: text(GIVEN),
        lastName: text(FAMILY),
        dateOfBirth: anyText
          ? fc.oneof(date, fc.string({ maxLength: 10 }))
          : fc.oneof(near(['1990-04-12', '1990-12-04', '1991-04-12']), date),
        ssnHash: near(HASHES),
        ssnLast4: near(['6789', '1234']),
        sex: near(['F', 'M', 'female', 'X']),
        address: fc.record({
          line1: near(LINES),
          city: fc.constant('Milwaukee'),
          state: fc.constant('WI'),
          postalCode: near(['53202', '53211']),
        }),
        phone: near(['(414) 555-0123', '262-555-0123', '414 555 9999', '1-414-555-0123']),
      },
      { requiredKeys: ['firstName', 'lastName', 'dateOfBirth'] },
    )
    .map((identity) => identity as Identity);
}

/** Identities whose names hold a letter and whose date is a calendar date: nothing normalises away. */
export const completeIdentityArbitrary: fc.Arbitrary<Identity> = fc
  .tuple(
    identityArbitrary(),
    fc.stringMatching(/^[A-Za-zÀ-ÿ' -]{0,8}[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ' -]{0,8}$/),
    fc.boolean(),
  )
  .map(([identity, name, useName]) => (useName ? { ...identity, lastName: name } : identity));
