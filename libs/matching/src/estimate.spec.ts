import { compareNormalised } from './compare-fields';
import { estimateByEm } from './estimate-em';
import { estimateFromLabelledPairs, levelProportions, modelFrom } from './estimate-labelled';
import { type ComparisonVector, FIELDS } from './identity';
import { MatchIndex } from './match-index';
import { DEFAULT_MODEL, type MatchModel } from './model';
import { normaliseIdentity } from './normalise';
import { evaluateSearches } from './testing/evaluate';
import { generatePopulation } from './testing/synthetic-population';

/** mulberry32: a seeded generator, so the drawn pairs are the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const vector = (levels: string): ComparisonVector => {
  const names = { e: 'exact', c: 'close', d: 'different', m: 'missing' } as const;
  return Object.fromEntries(
    FIELDS.map((field, i) => [field, names[levels[i] as keyof typeof names]]),
  ) as ComparisonVector;
};

/** Pairs drawn from a known model: each a match with probability p, each field missing one time in ten. */
function drawPairs(
  model: MatchModel,
  p: number,
  count: number,
  seed: number,
): { vectors: ComparisonVector[]; matches: number } {
  const next = random(seed);
  const vectors: ComparisonVector[] = [];
  let matches = 0;
  for (let i = 0; i < count; i++) {
    const isMatch = next() < p;
    if (isMatch) matches++;
    const levels = FIELDS.map((field) => {
      if (next() < 0.1) return 'm';
      const probabilities = model[field][isMatch ? 'm' : 'u'];
      const roll = next();
      return roll < probabilities.exact ? 'e' : roll < probabilities.exact + probabilities.close ? 'c' : 'd';
    });
    vectors.push(vector(levels.join('')));
  }
  return { vectors, matches };
}

const TRUE_MODEL: MatchModel = {
  firstName: {
    m: { exact: 0.85, close: 0.1, different: 0.05 },
    u: { exact: 0.05, close: 0.1, different: 0.85 },
  },
  lastName: {
    m: { exact: 0.8, close: 0.1, different: 0.1 },
    u: { exact: 0.03, close: 0.07, different: 0.9 },
  },
  dateOfBirth: {
    m: { exact: 0.9, close: 0.08, different: 0.02 },
    u: { exact: 0.02, close: 0.08, different: 0.9 },
  },
  ssn: { m: { exact: 0.7, close: 0.1, different: 0.2 }, u: { exact: 0.01, close: 0.04, different: 0.95 } },
  sex: { m: { exact: 0.95, close: 0, different: 0.05 }, u: { exact: 0.5, close: 0, different: 0.5 } },
  address: { m: { exact: 0.6, close: 0.1, different: 0.3 }, u: { exact: 0.05, close: 0.05, different: 0.9 } },
  phone: { m: { exact: 0.6, close: 0.1, different: 0.3 }, u: { exact: 0.05, close: 0.05, different: 0.9 } },
};

function expectNear(
  actual: MatchModel,
  expected: MatchModel,
  tolerance: number,
  sides: ('m' | 'u')[] = ['m', 'u'],
): void {
  for (const field of FIELDS) {
    for (const side of sides) {
      for (const level of ['exact', 'close', 'different'] as const) {
        expect(Math.abs(actual[field][side][level] - expected[field][side][level])).toBeLessThan(tolerance);
      }
    }
  }
}

describe('estimation from labelled pairs', () => {
  it('counts m among matches and u among non-matches, missing values left out', () => {
    const model = estimateFromLabelledPairs(
      [
        { agreements: vector('eeeeeem'), isMatch: true },
        { agreements: vector('ceeedem'), isMatch: true },
        { agreements: vector('dddddde'), isMatch: false },
        { agreements: vector('edddddm'), isMatch: false },
      ],
      0,
    );
    expect(model.firstName).toEqual({
      m: { exact: 0.5, close: 0.5, different: 0 },
      u: { exact: 0.5, close: 0, different: 0.5 },
    });
    expect(model.phone.m).toEqual({ exact: 0, close: 0, different: 0 });
    expect(model.phone.u).toEqual({ exact: 1, close: 0, different: 0 });
  });

  it('smooths the levels either class has seen, and only those', () => {
    const model = estimateFromLabelledPairs([
      { agreements: vector('eeeeeee'), isMatch: true },
      { agreements: vector('dddddde'), isMatch: false },
    ]);
    expect(model.sex.m).toEqual({ exact: 0.75, close: 0, different: 0.25 });
    expect(model.firstName.u).toEqual({ exact: 0.25, close: 0, different: 0.75 });
  });

  it('recovers the parameters pairs were drawn from', () => {
    const { vectors: matches } = drawPairs(TRUE_MODEL, 1, 20_000, 1);
    const { vectors: others } = drawPairs(TRUE_MODEL, 0, 20_000, 2);
    expectNear(modelFrom(levelProportions(matches), levelProportions(others)), TRUE_MODEL, 0.015);
  });

  it('gives a model that finds duplicates in data it was not estimated from: m from known duplicates, u from random pairs', () => {
    const training = generatePopulation({ seed: 21, people: 3000 });
    const records = training.records.map((record) => normaliseIdentity(record.identity));
    const matches = training.truth.duplicates.map(({ record, of }) =>
      compareNormalised(records[record], records[of]),
    );
    const next = random(3);
    const randomPairs = Array.from({ length: 60_000 }, () =>
      compareNormalised(
        records[Math.floor(next() * records.length)],
        records[Math.floor(next() * records.length)],
      ),
    );
    const model = modelFrom(levelProportions(matches), levelProportions(randomPairs));
    const population = generatePopulation({ seed: 22, people: 3000 });
    const index = new MatchIndex({ model });
    for (const { id, identity } of population.records) index.add(id, identity);
    expect(evaluateSearches(population, index).f1).toBeGreaterThan(0.95);
  });
});

describe('estimation by expectation-maximisation', () => {
  const start: MatchModel = Object.fromEntries(
    FIELDS.map((field) => [
      field,
      {
        m: { exact: 0.7, close: field === 'sex' ? 0 : 0.15, different: field === 'sex' ? 0.3 : 0.15 },
        u: { exact: 0.2, close: field === 'sex' ? 0 : 0.2, different: field === 'sex' ? 0.8 : 0.6 },
      },
    ]),
  ) as MatchModel;

  it('recovers m, u and the share of matches from unlabelled pairs', () => {
    const { vectors, matches } = drawPairs(TRUE_MODEL, 0.2, 40_000, 7);
    const estimate = estimateByEm(vectors, { initial: start, matchProportion: 0.5 });
    expect(estimate.converged).toBe(true);
    expect(Math.abs(estimate.matchProportion - matches / vectors.length)).toBeLessThan(0.01);
    expectNear(estimate.model, TRUE_MODEL, 0.025);
  });

  it('can hold u fixed and leave fields out, estimating the rest', () => {
    const { vectors } = drawPairs(TRUE_MODEL, 0.3, 40_000, 8);
    const initial = Object.fromEntries(
      FIELDS.map((f) => [f, { m: start[f].m, u: TRUE_MODEL[f].u }]),
    ) as MatchModel;
    const estimate = estimateByEm(vectors, { initial, fixU: true, ignoreFields: ['ssn'] });
    expect(estimate.model.ssn).toEqual(initial.ssn);
    for (const field of FIELDS) expect(estimate.model[field].u).toEqual(TRUE_MODEL[field].u);
    for (const field of FIELDS.filter((f) => f !== 'ssn')) {
      for (const level of ['exact', 'close', 'different'] as const) {
        expect(Math.abs(estimate.model[field].m[level] - TRUE_MODEL[field].m[level])).toBeLessThan(0.025);
      }
    }
  });

  it('starts from the default model when given nothing, and stops at the iteration limit', () => {
    const { vectors } = drawPairs(TRUE_MODEL, 0.2, 2000, 9);
    const defaults = structuredClone(DEFAULT_MODEL);
    const estimate = estimateByEm(vectors, { maxIterations: 2 });
    expect(estimate).toMatchObject({ iterations: 2, converged: false });
    expect(estimate.model).not.toEqual(DEFAULT_MODEL);
    expect(DEFAULT_MODEL).toEqual(defaults);
  });
});
