import { MatchIndex } from '../match-index';
import { evaluateSearches } from './evaluate';
import { generatePopulation } from './synthetic-population';

describe('clearance quality on generated people (the 100k benchmark, small)', () => {
  const population = generatePopulation({ seed: 31, people: 5000 });
  const index = new MatchIndex();
  for (const { id, identity } of population.records) index.add(id, identity);

  it('finds duplicates at the probable grade with F1 above 0.95', () => {
    const result = evaluateSearches(population, index, 'probable');
    expect(result.queries).toBe(500);
    expect(result.truePositives + result.falseNegatives).toBeGreaterThanOrEqual(500);
    expect(result.f1).toBeGreaterThan(0.95);
  });

  it('trades recall for precision as the grade rises', () => {
    const [certain, probable, possible] = (['certain', 'probable', 'possible'] as const).map((grade) =>
      evaluateSearches(population, index, grade),
    );
    expect(certain.precision).toBeGreaterThanOrEqual(probable.precision);
    expect(probable.precision).toBeGreaterThanOrEqual(possible.precision);
    expect(certain.recall).toBeLessThanOrEqual(probable.recall);
    expect(probable.recall).toBeLessThanOrEqual(possible.recall);
  });

  it('counts a missed record and a wrong candidate as errors', () => {
    const emptied = new MatchIndex();
    expect(evaluateSearches(population, emptied)).toMatchObject({
      truePositives: 0,
      falsePositives: 0,
      recall: 0,
    });
    // Every identity filed under the next record's id: the right people are found under the wrong names.
    const shifted = new MatchIndex();
    const { records } = population;
    records.forEach(({ identity }, i) => {
      shifted.add(records[(i + 1) % records.length].id, identity);
    });
    expect(evaluateSearches(population, shifted).precision).toBeLessThan(0.1);
  });
});
