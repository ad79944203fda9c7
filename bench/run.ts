import { auditBenchmarks } from './audit.bench';
import type { Benchmark } from './bench-kit';
import { clearanceBenchmarks } from './clearance.bench';
import { eventStoreBenchmarks } from './event-store.bench';
import { httpBenchmarks } from './http.bench';
import { projectionBenchmarks } from './projections.bench';

/** `npm run bench` runs everything; `npm run bench -- <name>…` runs the benchmarks that print those figures. */
const all: Benchmark[] = [
  ...eventStoreBenchmarks,
  ...auditBenchmarks,
  ...projectionBenchmarks,
  ...httpBenchmarks,
  ...clearanceBenchmarks,
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const selected = wanted.length
    ? all.filter((b) => wanted.some((w) => b.name === w || b.figures.includes(w)))
    : all;
  if (selected.length === 0) throw new Error(`no benchmark named ${wanted.join(', ')}`);
  // The event store's worker thread is unref'd: without a timer of our own, Node would exit (status 0,
  // nothing printed) while a benchmark awaits it with nothing else pending.
  const keepAlive = setInterval(() => undefined, 60_000);
  for (const benchmark of selected) {
    const started = Date.now();
    await benchmark.run();
    console.error(`# ${benchmark.name} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  clearInterval(keepAlive);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
