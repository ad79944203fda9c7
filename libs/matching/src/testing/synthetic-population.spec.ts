import { compareDatesOfBirth } from '../compare-fields';
import { areNicknames } from '../nicknames';
import { normaliseIdentity } from '../normalise';
import { DUPLICATE_ERROR_RATES, type DuplicateError } from './duplicate-errors';
import { generatePopulation } from './synthetic-population';

describe('the synthetic population', () => {
  const population = generatePopulation({ seed: 5, people: 4000, duplicateRate: 0.5 });
  const { records, truth } = population;
  const withError = (error: DuplicateError) => truth.duplicates.filter((d) => d.errors.includes(error));

  it('is the same for the same seed and different for another', () => {
    const again = generatePopulation({ seed: 5, people: 4000, duplicateRate: 0.5 });
    expect(again.records).toEqual(records);
    expect(again.truth).toEqual(truth);
    const other = generatePopulation({ seed: 6, people: 4000, duplicateRate: 0.5 });
    expect(other.records[0]).not.toEqual(records[0]);
  });

  it('holds the people, then the duplicates, and who is who', () => {
    expect(records).toHaveLength(6000);
    expect(new Set(records.map((r) => r.id)).size).toBe(6000);
    expect(truth.personOf.slice(0, 4000)).toEqual(Int32Array.from({ length: 4000 }, (_, i) => i));
    for (const { record, of } of truth.duplicates) expect(truth.personOf[record]).toBe(of);
    expect(truth.duplicates.map((d) => d.record)).toEqual(Array.from({ length: 2000 }, (_, i) => 4000 + i));
  });

  it('gives every person their own SSN, hashed, with its last four digits', () => {
    const people = records.slice(0, 4000).map((r) => r.identity);
    const hashes = people.flatMap((identity) => (identity.ssnHash ? [identity.ssnHash] : []));
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(hashes.length / people.length).toBeCloseTo(0.88, 1);
    for (const identity of people) if (identity.ssnHash) expect(identity.ssnLast4).toMatch(/^\d{4}$/);
  });

  it('puts people in households, sharing an address', () => {
    expect(truth.relatives.length / 4000).toBeCloseTo(0.3, 1);
    for (const { record, of, relation } of truth.relatives) {
      expect(records[record].identity.address?.postalCode).toBe(records[of].identity.address?.postalCode);
      if (relation === 'twin')
        expect(records[record].identity.dateOfBirth).toBe(records[of].identity.dateOfBirth);
    }
  });

  it('injects the mistakes it reports, about as often as DUPLICATE_ERROR_RATES says', () => {
    for (const { record, of } of withError('ssn-missing')) {
      expect(records[of].identity.ssnHash).toBeDefined();
      expect(records[record].identity.ssnHash).toBeUndefined();
    }
    for (const { record, of } of withError('nickname')) {
      const [a, b] = [normaliseIdentity(records[record].identity), normaliseIdentity(records[of].identity)];
      if (!withError('first-name-typo').some((d) => d.record === record))
        expect(areNicknames(a.firstName, b.firstName)).toBe(true);
    }
    for (const { record, of } of withError('day-month-swap')) {
      const [a, b] = [normaliseIdentity(records[record].identity), normaliseIdentity(records[of].identity)];
      expect(compareDatesOfBirth(a.dateOfBirth, b.dateOfBirth)).not.toBe('exact');
    }
    for (const { record } of withError('phone-missing'))
      expect(records[record].identity.phone).toBeUndefined();
    for (const { record, of } of withError('address-moved')) {
      expect(records[record].identity.address?.line1).not.toBe(records[of].identity.address?.line1);
    }
    expect(withError('address-moved').length / 2000).toBeCloseTo(
      DUPLICATE_ERROR_RATES['address-moved'] * 0.96,
      1,
    );
    expect(withError('ssn-missing').length / 2000).toBeCloseTo(
      DUPLICATE_ERROR_RATES['ssn-missing'] * 0.88,
      1,
    );
    expect(withError('first-name-typo').length).toBeGreaterThan(50);
    expect(truth.duplicates.filter((d) => d.errors.length === 0).length).toBeGreaterThan(100);
  });
});
