import type { MatchGrade } from '../identity';
import type { MatchIndex } from '../match-index';
import type { Population } from './synthetic-population';

export interface Evaluation {
  queries: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Record index pairs (query, other) behind the errors, for looking into them. */
  missed: [number, number][];
  wrong: [number, number][];
}

/**
 * Every duplicate record searched against an index holding all records (itself left out). A candidate at
 * `minGrade` or better that is the same person is a true positive, one that is not a false positive, and a
 * record of the same person not returned at that grade (filtered by blocking or scored too low) a false
 * negative. Pairs are counted per search, so a person with three records is looked for twice per search.
 */
export function evaluateSearches(
  population: Population,
  index: MatchIndex,
  minGrade: MatchGrade = 'probable',
): Evaluation {
  const { records, truth } = population;
  const recordOfId = new Map(records.map((record, i) => [record.id, i]));
  const recordsOfPerson = new Map<number, number[]>();
  truth.personOf.forEach((person, record) => {
    const list = recordsOfPerson.get(person);
    if (list) list.push(record);
    else recordsOfPerson.set(person, [record]);
  });
  const result: Evaluation = {
    queries: 0,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    precision: 0,
    recall: 0,
    f1: 0,
    missed: [],
    wrong: [],
  };
  for (const { record } of truth.duplicates) {
    result.queries++;
    const person = truth.personOf[record];
    const found = new Set<number>();
    const candidates = index.search(records[record].identity, {
      minGrade,
      excludeCustomerId: records[record].id,
      limit: 1000,
    });
    for (const candidate of candidates) {
      const other = recordOfId.get(candidate.customerId)!;
      if (truth.personOf[other] === person) {
        result.truePositives++;
        found.add(other);
      } else {
        result.falsePositives++;
        result.wrong.push([record, other]);
      }
    }
    for (const other of recordsOfPerson.get(person)!) {
      if (other === record || found.has(other)) continue;
      result.falseNegatives++;
      result.missed.push([record, other]);
    }
  }
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = result;
  result.precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  result.recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  result.f1 = (2 * result.precision * result.recall) / (result.precision + result.recall || 1);
  return result;
}
