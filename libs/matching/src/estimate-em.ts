import { AGREEMENTS, type ComparisonVector, FIELDS, type Field } from './identity';
import { DEFAULT_MODEL, type MatchModel } from './model';

export interface EmOptions {
  /** Where the iteration starts (default: the default model). */
  initial?: MatchModel;
  /** The starting share of pairs that are matches (default 0.1). */
  matchProportion?: number;
  maxIterations?: number;
  /** Stop when no parameter moves more than this (default 1e-6). */
  tolerance?: number;
  /**
   * Keep u as `initial` has it and estimate only m and the match share (default false). Blocked pairs are
   * not a random sample of non-matches, so u is better counted from random pairs (`levelProportions`) and
   * held fixed; it also keeps EM from mistaking households (shared address and phone) for people.
   */
  fixU?: boolean;
  /**
   * Fields left out of the likelihood and left as `initial` has them. Pairs found by a blocking key all
   * agree on the fields in that key, match or not, so those fields say nothing there: estimate them from
   * pairs found by another key (the way Splink trains one blocking rule at a time).
   */
  ignoreFields?: readonly Field[];
}

export interface EmEstimate {
  model: MatchModel;
  matchProportion: number;
  iterations: number;
  converged: boolean;
}

const LEVELS = ['exact', 'close', 'different'] as const;
const SMALL = 1e-9;

/**
 * Expectation-maximisation for the Fellegi-Sunter model, from compared pairs whose truth is unknown (say,
 * every pair a blocked duplicate scan produces). Assumes fields agree independently within each class;
 * a missing value is left out of the likelihood. Identical vectors are counted once and weighted, so a
 * million pairs cost no more per iteration than the few thousand patterns they fall into.
 */
export function estimateByEm(vectors: Iterable<ComparisonVector>, options: EmOptions = {}): EmEstimate {
  const ignored = new Set(options.ignoreFields ?? []);
  const patterns = countPatterns(vectors, ignored);
  let model = structuredClone(options.initial ?? DEFAULT_MODEL);
  let p = options.matchProportion ?? 0.1;
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? 1e-6;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const totals = FIELDS.map(() => ({ m: [0, 0, 0], u: [0, 0, 0] }));
    let matches = 0;
    let all = 0;
    for (const { levels, count } of patterns) {
      let likelihoodM = p;
      let likelihoodU = 1 - p;
      levels.forEach((level, f) => {
        if (level < 3) {
          const params = model[FIELDS[f]];
          likelihoodM *= Math.max(params.m[LEVELS[level]], SMALL);
          likelihoodU *= Math.max(params.u[LEVELS[level]], SMALL);
        }
      });
      const g = likelihoodM / (likelihoodM + likelihoodU);
      matches += g * count;
      all += count;
      levels.forEach((level, f) => {
        if (level < 3) {
          totals[f].m[level] += g * count;
          totals[f].u[level] += (1 - g) * count;
        }
      });
    }
    const next = {} as MatchModel;
    let moved = Math.abs(matches / all - p);
    FIELDS.forEach((field, f) => {
      if (ignored.has(field)) {
        next[field] = model[field];
        return;
      }
      next[field] = { m: normalise(totals[f].m), u: options.fixU ? model[field].u : normalise(totals[f].u) };
      for (const side of ['m', 'u'] as const) {
        for (const level of LEVELS)
          moved = Math.max(moved, Math.abs(next[field][side][level] - model[field][side][level]));
      }
    });
    model = next;
    p = matches / all;
    if (moved < tolerance) return { model, matchProportion: p, iterations: iteration, converged: true };
  }
  return { model, matchProportion: p, iterations: maxIterations, converged: false };
}

function normalise([exact, close, different]: number[]): { exact: number; close: number; different: number } {
  const total = exact + close + different;
  if (total === 0) return { exact: 0, close: 0, different: 0 };
  return { exact: exact / total, close: close / total, different: different / total };
}

/** Levels as indexes into AGREEMENTS; an ignored field counts as missing (3). */
function countPatterns(
  vectors: Iterable<ComparisonVector>,
  ignored: Set<Field>,
): { levels: number[]; count: number }[] {
  const patterns = new Map<string, { levels: number[]; count: number }>();
  for (const vector of vectors) {
    const levels = FIELDS.map((field) => (ignored.has(field) ? 3 : AGREEMENTS.indexOf(vector[field])));
    const key = levels.join('');
    const pattern = patterns.get(key);
    if (pattern) pattern.count++;
    else patterns.set(key, { levels, count: 1 });
  }
  return [...patterns.values()];
}
