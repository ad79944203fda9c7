import { FIELDS, type Identity } from './identity';
import {
  DEFAULT_MODEL,
  DEFAULT_THRESHOLDS,
  gradeFor,
  type MatchModel,
  weightFor,
  weightTable,
} from './model';
import { matchIdentities, scoreVector } from './score';
import { hashSsn } from './ssn-hash';

const ana: Identity = {
  firstName: 'Ana',
  lastName: 'Reyes',
  dateOfBirth: '1990-04-12',
  ...hashSsn('123-45-6789', 'key'),
  sex: 'F',
  address: { line1: '12 Oak Street', city: 'Milwaukee', state: 'WI', postalCode: '53202' },
  phone: '(414) 555-0123',
};

describe('weights', () => {
  it('are log2(m/u) in hundredths, with missing values weighing nothing', () => {
    expect(weightFor(0.9, 0.1)).toBe(3.17);
    expect(weightFor(0.1, 0.9)).toBe(-3.17);
    expect(weightFor(0.5, 0.5)).toBe(0);
    expect(weightTable(DEFAULT_MODEL).dateOfBirth).toEqual({
      exact: 14.54,
      close: 4.73,
      different: -7.64,
      missing: 0,
    });
    expect(weightTable(DEFAULT_MODEL).sex.close).toBe(0);
  });

  it('stay finite when a level never occurs in one class', () => {
    expect(weightFor(0.2, 0)).toBe(17.61);
    expect(weightFor(0, 0.2)).toBe(-17.61);
  });

  it('agree in sign with the evidence in the default model: agreement for, disagreement against', () => {
    const table = weightTable(DEFAULT_MODEL);
    for (const field of FIELDS) {
      expect(table[field].exact).toBeGreaterThan(0);
      expect(table[field].exact).toBeGreaterThanOrEqual(table[field].close);
      expect(table[field].different).toBeLessThan(0);
    }
  });
});

describe('scores', () => {
  it('add up the weights of every field, listed in order as the reasons', () => {
    const weights = weightTable(DEFAULT_MODEL);
    const { score, reasons } = scoreVector(
      {
        firstName: 'close',
        lastName: 'exact',
        dateOfBirth: 'exact',
        ssn: 'missing',
        sex: 'exact',
        address: 'different',
        phone: 'missing',
      },
      weights,
    );
    expect(reasons.map((r) => r.field)).toEqual([...FIELDS]);
    expect(reasons[0]).toEqual({ field: 'firstName', agreement: 'close', weight: 3.2 });
    expect(reasons[3]).toEqual({ field: 'ssn', agreement: 'missing', weight: 0 });
    expect(score).toBe(3.2 + 8.78 + 14.54 + 0.96 - 1.73);
    expect(score).toBe(25.75);
  });

  it('grade by the thresholds, below `possible` no grade at all', () => {
    const { certain, probable, possible } = DEFAULT_THRESHOLDS;
    expect(gradeFor(certain, DEFAULT_THRESHOLDS)).toBe('certain');
    expect(gradeFor(certain - 0.01, DEFAULT_THRESHOLDS)).toBe('probable');
    expect(gradeFor(probable, DEFAULT_THRESHOLDS)).toBe('probable');
    expect(gradeFor(possible, DEFAULT_THRESHOLDS)).toBe('possible');
    expect(gradeFor(possible - 0.01, DEFAULT_THRESHOLDS)).toBeNull();
  });
});

describe('matching two identities', () => {
  it('grades a full identical identity certain, and explains it', () => {
    const result = matchIdentities(ana, { ...ana, firstName: 'ANA', phone: '414.555.0123' });
    expect(result.grade).toBe('certain');
    expect(result.reasons.every((r) => r.agreement === 'exact')).toBe(true);
    expect(result.score).toBe(67.49);
  });

  it('grades equal name and date of birth alone certain', () => {
    const bare = { firstName: 'Ana', lastName: 'Reyes', dateOfBirth: '1990-04-12' };
    expect(matchIdentities(bare, bare)).toMatchObject({ score: 30.07, grade: 'certain' });
  });

  it('keeps a nickname with a moved address and no SSN probable', () => {
    const later: Identity = {
      firstName: 'Anita',
      lastName: 'Reyes',
      dateOfBirth: '1990-04-12',
      sex: 'F',
      address: { line1: '900 Lake Dr', city: 'Milwaukee', state: 'WI', postalCode: '53211' },
    };
    const result = matchIdentities(ana, later);
    expect(result.reasons.find((r) => r.field === 'firstName')?.agreement).toBe('close');
    expect(result.grade).toBe('probable');
  });

  it('does not make a candidate of a different person in the same household', () => {
    const spouse: Identity = {
      ...ana,
      firstName: 'Luis',
      sex: 'M',
      dateOfBirth: '1987-09-30',
      ...hashSsn('987654321', 'key'),
    };
    expect(matchIdentities(ana, spouse).grade).toBeNull();
  });

  it('uses a given model and thresholds', () => {
    const indifferent = structuredClone(DEFAULT_MODEL) as MatchModel;
    indifferent.dateOfBirth = {
      m: { exact: 0.5, close: 0.25, different: 0.25 },
      u: { exact: 0.5, close: 0.25, different: 0.25 },
    };
    const bare = { firstName: 'Ana', lastName: 'Reyes', dateOfBirth: '1990-04-12' };
    const result = matchIdentities(bare, bare, {
      model: indifferent,
      thresholds: { certain: 100, probable: 15, possible: 5 },
    });
    expect(result).toMatchObject({ score: 15.53, grade: 'probable' });
  });
});
