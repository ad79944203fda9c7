import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The one output format CI and people read: `BENCH <name> <value> <unit>`, a plain decimal value. */
export function report(name: string, value: number, unit: string): void {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 1 ? 2 : 4;
  console.log(`BENCH ${name} ${value.toFixed(digits)} ${unit}`);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function scratchDir(prefix: string): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), `ledger-bench-${prefix}-`));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Cached data sets shared between benchmarks (ignored by git). */
export function dataDir(): string {
  const dir = join(__dirname, '..', '..', 'bench', '.data');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface Benchmark {
  name: string;
  /** The figures it prints, so `npm run bench -- <figure>` finds it too. */
  figures: string[];
  run(): Promise<void>;
}
