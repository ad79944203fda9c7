import type { Agreement, Field, MatchGrade } from './identity';

/** Probability of each agreement level for one field; a missing value is no evidence and has no level. */
export interface LevelProbabilities {
  exact: number;
  close: number;
  different: number;
}

/** m: the levels' probabilities among pairs that are the same person; u: among pairs that are not. */
export interface FieldParameters {
  m: LevelProbabilities;
  u: LevelProbabilities;
}

export type MatchModel = Record<Field, FieldParameters>;
export type WeightTable = Record<Field, Record<Agreement, number>>;

/** Scores are in bits: each point doubles the odds that the pair is one person. */
export interface GradeThresholds {
  certain: number;
  probable: number;
  possible: number;
}

/**
 * Defaults, before any estimation from the ledger's own data (weights in bits, rounded):
 * - firstName: u exact 0.008 is the chance two people share a given name (a sum of squared name
 *   frequencies); m different 0.03 covers people known by a middle name. Weights +6.75 / +3.20 / -5.03.
 * - lastName: common surnames make u exact 0.002; m different 0.06 is mostly marriage. +8.78 / +2.91 / -4.04.
 * - dateOfBirth: 1 in ~25,000 dates across living ages; about 43 dates are "close" to any date (a swap,
 *   a wrong digit, a year off), hence u close 0.0017; m different 0.005. +14.54 / +4.73 / -7.64.
 * - ssn: u exact 1e-6 allows for SSNs entered on the wrong person; m different 0.01 for slips in the last
 *   four digits; equal last four alone, 1 in 10,000 by chance. +19.89 / +7.64 / -6.64.
 * - sex: half of all pairs agree by chance. +0.96 / -4.06.
 * - address, phone: u exact 0.002 rather than one in a million, because household members share them and
 *   would otherwise look like one person; m different 0.3 / 0.25 because people move and change numbers.
 *   +8.23 / +5.06 / -1.73 and +8.34 / +5.06 / -1.99.
 */
export const DEFAULT_MODEL: MatchModel = {
  firstName: {
    m: { exact: 0.86, close: 0.11, different: 0.03 },
    u: { exact: 0.008, close: 0.012, different: 0.98 },
  },
  lastName: {
    m: { exact: 0.88, close: 0.06, different: 0.06 },
    u: { exact: 0.002, close: 0.008, different: 0.99 },
  },
  dateOfBirth: {
    m: { exact: 0.95, close: 0.045, different: 0.005 },
    u: { exact: 0.00004, close: 0.0017, different: 0.99826 },
  },
  ssn: {
    m: { exact: 0.97, close: 0.02, different: 0.01 },
    u: { exact: 1e-6, close: 0.0001, different: 0.999899 },
  },
  sex: { m: { exact: 0.97, close: 0, different: 0.03 }, u: { exact: 0.5, close: 0, different: 0.5 } },
  address: {
    m: { exact: 0.6, close: 0.1, different: 0.3 },
    u: { exact: 0.002, close: 0.003, different: 0.995 },
  },
  phone: {
    m: { exact: 0.65, close: 0.1, different: 0.25 },
    u: { exact: 0.002, close: 0.003, different: 0.995 },
  },
};

/**
 * Thresholds in bits. A search compares a hundred or so records that share a blocking key (112 on average
 * against a million), and perhaps one search in three is for someone already registered, so the prior odds
 * that a given candidate is the person are about 2^-8. Posterior odds are then 2^(score - 8): `certain`
 * (28) is about a million to one, `probable` (18) a thousand to one, `possible` (10) four to one. Equal
 * names and date of birth alone score 30.07, so an identical identity is always `certain`.
 */
export const DEFAULT_THRESHOLDS: GradeThresholds = { certain: 28, probable: 18, possible: 10 };

/** Keeps a level that never occurs in one class from becoming an infinite weight. */
const FLOOR = 1e-6;

export function weightFor(m: number, u: number): number {
  if (m <= 0 && u <= 0) return 0;
  return Math.round(Math.log2(Math.max(m, FLOOR) / Math.max(u, FLOOR)) * 100) / 100;
}

const tables = new WeakMap<MatchModel, WeightTable>();

/** log2(m/u) for every field and level, rounded to 0.01 so reasons add up to the score as shown. */
export function weightTable(model: MatchModel): WeightTable {
  let table = tables.get(model);
  if (table) return table;
  table = {} as WeightTable;
  for (const [field, { m, u }] of Object.entries(model) as [Field, FieldParameters][]) {
    table[field] = {
      exact: weightFor(m.exact, u.exact),
      close: weightFor(m.close, u.close),
      different: weightFor(m.different, u.different),
      missing: 0,
    };
  }
  tables.set(model, table);
  return table;
}

export function gradeFor(score: number, thresholds: GradeThresholds): MatchGrade | null {
  if (score >= thresholds.certain) return 'certain';
  if (score >= thresholds.probable) return 'probable';
  if (score >= thresholds.possible) return 'possible';
  return null;
}
