import { compareNormalised } from './compare-fields';
import { type ComparisonVector, FIELDS, type Identity, type MatchResult, type Reason } from './identity';
import {
  DEFAULT_MODEL,
  DEFAULT_THRESHOLDS,
  type GradeThresholds,
  gradeFor,
  type MatchModel,
  type WeightTable,
  weightTable,
} from './model';
import { type NormalisedIdentity, normaliseIdentity } from './normalise';

export interface MatchOptions {
  model?: MatchModel;
  thresholds?: GradeThresholds;
}

/** The score is the sum of the reasons' weights, every field listed, missing ones with weight 0. */
export function scoreVector(
  vector: ComparisonVector,
  weights: WeightTable,
): { score: number; reasons: Reason[] } {
  let sum = 0;
  const reasons = FIELDS.map((field) => {
    const agreement = vector[field];
    const weight = weights[field][agreement];
    sum += weight;
    return { field, agreement, weight };
  });
  // Weights carry two decimals; rounding the sum removes binary fractions (0.1 + 0.2) from the answer.
  return { score: Math.round(sum * 100) / 100, reasons };
}

export function matchNormalised(
  a: NormalisedIdentity,
  b: NormalisedIdentity,
  options: MatchOptions = {},
): MatchResult {
  const { score, reasons } = scoreVector(
    compareNormalised(a, b),
    weightTable(options.model ?? DEFAULT_MODEL),
  );
  return { score, grade: gradeFor(score, options.thresholds ?? DEFAULT_THRESHOLDS), reasons };
}

/** Compares two identities field by field: the score, the grade (null: not a candidate) and why. */
export function matchIdentities(a: Identity, b: Identity, options: MatchOptions = {}): MatchResult {
  return matchNormalised(normaliseIdentity(a), normaliseIdentity(b), options);
}
