import { type Agreement, type ComparisonVector, FIELDS, type Field } from './identity';
import type { LevelProbabilities, MatchModel } from './model';

export interface LabelledPair {
  agreements: ComparisonVector;
  isMatch: boolean;
}

const LEVELS = ['exact', 'close', 'different'] as const;
type Counts = Record<Field, Record<Exclude<Agreement, 'missing'>, number>>;

/**
 * The share of each agreement level per field, missing values left out. Over pairs known to be one person
 * this is m. Over pairs drawn at random from all records (nearly all different people) it is u; pairs found
 * by blocking will not do for u, since they agree on their blocking key whoever they are.
 * `pseudoCount` is added to each level that occurs in `levelsSeen` (default: in these vectors), so a level
 * never seen keeps a finite weight, while a level that cannot occur (sex is never close) stays at 0.
 */
export function levelProportions(
  vectors: Iterable<ComparisonVector>,
  pseudoCount = 0.5,
  levelsSeen?: (field: Field) => readonly string[],
): Record<Field, LevelProbabilities> {
  const counts = countLevels(vectors);
  const seen = levelsSeen ?? ((field: Field) => LEVELS.filter((level) => counts[field][level] > 0));
  return Object.fromEntries(
    FIELDS.map((field) => [field, proportions(counts[field], seen(field), pseudoCount)]),
  ) as Record<Field, LevelProbabilities>;
}

/**
 * m from the pairs known to match, u from those known not to (reviewed clearance decisions, merges, or a
 * random sample of records for u). A level seen in either class gets `pseudoCount` in both.
 */
export function estimateFromLabelledPairs(pairs: Iterable<LabelledPair>, pseudoCount = 0.5): MatchModel {
  const matches: ComparisonVector[] = [];
  const nonMatches: ComparisonVector[] = [];
  for (const { agreements, isMatch } of pairs) (isMatch ? matches : nonMatches).push(agreements);
  const all = countLevels([...matches, ...nonMatches]);
  const seen = (field: Field) => LEVELS.filter((level) => all[field][level] > 0);
  return modelFrom(
    levelProportions(matches, pseudoCount, seen),
    levelProportions(nonMatches, pseudoCount, seen),
  );
}

/** Combines m from one estimate with u from another into a model. */
export function modelFrom(
  m: Record<Field, LevelProbabilities>,
  u: Record<Field, LevelProbabilities>,
): MatchModel {
  return Object.fromEntries(FIELDS.map((field) => [field, { m: m[field], u: u[field] }])) as MatchModel;
}

function countLevels(vectors: Iterable<ComparisonVector>): Counts {
  const counts = Object.fromEntries(
    FIELDS.map((field) => [field, { exact: 0, close: 0, different: 0 }]),
  ) as Counts;
  for (const vector of vectors) {
    for (const field of FIELDS) {
      const level = vector[field];
      if (level !== 'missing') counts[field][level]++;
    }
  }
  return counts;
}

function proportions(
  counts: Counts[Field],
  levels: readonly string[],
  pseudoCount: number,
): LevelProbabilities {
  const smoothed = (level: (typeof LEVELS)[number]) =>
    counts[level] + (levels.includes(level) ? pseudoCount : 0);
  const total = LEVELS.reduce((sum, level) => sum + smoothed(level), 0);
  const share = (level: (typeof LEVELS)[number]) => (total === 0 ? 0 : smoothed(level) / total);
  return { exact: share('exact'), close: share('close'), different: share('different') };
}
