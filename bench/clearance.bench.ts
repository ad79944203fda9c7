import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MatchIndex } from '@ledger/matching';
import { evaluateSearches } from '@ledger/matching/testing/evaluate';
import { generatePopulation, type Population } from '@ledger/matching/testing/synthetic-population';
import { type Benchmark, percentile, report } from './bench-kit';

/** A full collection, so memory figures count what is live rather than what the collector has not reached. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function megabytes(): number {
  collectGarbage();
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.arrayBuffers) / 1e6;
}

export const clearanceBenchmarks: Benchmark[] = [
  {
    name: 'clearance-quality',
    figures: ['clearance_f1_100k', 'clearance_precision_100k', 'clearance_recall_100k'],
    async run() {
      // 100,000 generated people (seed 1), 30% of them in households with earlier ones (spouses, children,
      // juniors, twins: the hard non-matches), plus 10,000 duplicate records of randomly chosen people with
      // the mistakes of DUPLICATE_ERROR_RATES: 110,000 records, all indexed. Each duplicate record is then
      // searched against the index of everyone else (itself excluded). Per search, a candidate graded
      // `probable` or `certain` that is the same person counts as a true positive, any other such candidate
      // as a false positive, and each other record of the same person not returned at that grade (missed by
      // blocking or scored lower) as a false negative. Precision, recall and F1 are over all those pairs.
      const population = generatePopulation({ seed: 1, people: 100_000, duplicateRate: 0.1 });
      const index = new MatchIndex({ initialCapacity: population.records.length });
      for (const { id, identity } of population.records) index.add(id, identity);
      const result = evaluateSearches(population, index, 'probable');
      console.error(
        `# ${result.queries} searches: ${result.truePositives} found, ${result.falsePositives} wrong, ${result.falseNegatives} missed`,
      );
      report('clearance_f1_100k', result.f1, 'f1');
      report('clearance_precision_100k', result.precision, 'precision');
      report('clearance_recall_100k', result.recall, 'recall');
    },
  },
  {
    name: 'clearance-search',
    figures: ['clearance_search_p99_1m', 'clearance_search_p50_1m', 'clearance_index_memory_1m'],
    async run() {
      // 1,001,000 people and 2,002 duplicates (seed 2). The first 1,000,000 people are indexed; the searches
      // are the duplicates (someone to find) and the 1,000 people left out (a new customer: nobody to find).
      const indexed = 1_000_000;
      let population: Population | undefined = generatePopulation({
        seed: 2,
        people: indexed + 1000,
        duplicateRate: 0.002,
      });
      const before = megabytes();
      const index = new MatchIndex({ initialCapacity: indexed });
      const started = performance.now();
      for (let i = 0; i < indexed; i++) index.add(population.records[i].id, population.records[i].identity);
      console.error(
        `# indexed ${index.size} identities in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      report('clearance_index_memory_1m', megabytes() - before, 'MB');
      // A server holds the index, not a million identity objects: let them go before timing searches.
      const queries = population.records.slice(indexed).map((record) => record.identity);
      population = undefined;
      collectGarbage();
      for (const query of queries.slice(0, 500)) index.search(query);
      const latencies: number[] = [];
      let compared = 0;
      for (const query of queries) {
        const t0 = performance.now();
        index.search(query);
        latencies.push(performance.now() - t0);
        compared += index.candidateCount(query);
      }
      latencies.sort((a, b) => a - b);
      console.error(
        `# ${queries.length} searches, ${(compared / queries.length).toFixed(0)} records compared on average`,
      );
      report('clearance_search_p99_1m', percentile(latencies, 99), 'ms');
      report('clearance_search_p50_1m', percentile(latencies, 50), 'ms');
    },
  },
];
