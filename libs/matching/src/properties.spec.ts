import fc from 'fast-check';
import { compareNormalised } from './compare-fields';
import { compareFirstNames, compareLastNames } from './compare-names';
import { DEFAULT_THRESHOLDS } from './model';
import {
  normaliseAddressLine,
  normaliseIdentity,
  normaliseLastName,
  normaliseName,
  normalisePhone,
} from './normalise';
import { matchIdentities } from './score';
import { completeIdentityArbitrary, identityArbitrary } from './testing/arbitraries';

describe('matching rules, for any identities', () => {
  it('compare every field symmetrically', () => {
    fc.assert(
      fc.property(identityArbitrary(true), identityArbitrary(true), (a, b) => {
        const [na, nb] = [normaliseIdentity(a), normaliseIdentity(b)];
        expect(compareNormalised(na, nb)).toEqual(compareNormalised(nb, na));
      }),
      { numRuns: 2000 },
    );
  });

  it('compare arbitrary names symmetrically', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), fc.string({ maxLength: 14 }), (x, y) => {
        const [a, b] = [normaliseName(x), normaliseName(y)];
        expect(compareFirstNames(a, b)).toBe(compareFirstNames(b, a));
        expect(compareLastNames(a, b)).toBe(compareLastNames(b, a));
      }),
      { numRuns: 2000 },
    );
  });

  it('grade identical identities certain, with no disagreement among the reasons', () => {
    fc.assert(
      fc.property(completeIdentityArbitrary, (identity) => {
        const result = matchIdentities(identity, structuredClone(identity));
        expect(result.grade).toBe('certain');
        expect(result.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.certain);
        // Close remains possible: the same last four SSN digits with no hash on either side.
        expect(result.reasons.map((r) => r.agreement)).not.toContain('different');
      }),
    );
  });

  it('score the sum of the reasons, and grade by the score alone', () => {
    fc.assert(
      fc.property(identityArbitrary(), identityArbitrary(), (a, b) => {
        const result = matchIdentities(a, b);
        const sum = result.reasons.reduce((total, reason) => total + reason.weight, 0);
        expect(result.score).toBeCloseTo(sum, 9);
        const { certain, probable, possible } = DEFAULT_THRESHOLDS;
        const expected =
          result.score >= certain
            ? 'certain'
            : result.score >= probable
              ? 'probable'
              : result.score >= possible
                ? 'possible'
                : null;
        expect(result.grade).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('normalise idempotently', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        expect(normaliseName(normaliseName(text))).toBe(normaliseName(text));
        expect(normaliseLastName(normaliseLastName(text))).toBe(normaliseLastName(text));
        const line = normaliseAddressLine(text);
        expect(line === null ? null : normaliseAddressLine(line)).toBe(line);
        const phone = normalisePhone(text);
        expect(phone === null ? null : normalisePhone(phone)).toBe(phone);
      }),
      { numRuns: 1000 },
    );
  });

  it('weigh more agreement never less: a record with a field made equal to the query scores at least as high', () => {
    fc.assert(
      fc.property(
        identityArbitrary(),
        identityArbitrary(),
        fc.constantFrom('ssnHash', 'phone', 'dateOfBirth'),
        (a, b, field) => {
          const closer = { ...b, [field]: a[field] };
          if (field === 'ssnHash') closer.ssnLast4 = a.ssnLast4;
          expect(matchIdentities(a, closer).score).toBeGreaterThanOrEqual(matchIdentities(a, b).score);
        },
      ),
      { numRuns: 500 },
    );
  });
});
