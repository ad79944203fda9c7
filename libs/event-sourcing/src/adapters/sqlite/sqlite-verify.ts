import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { joinRanges, type RangeResult, type VerificationResult } from '../../envelope/verify';
import { compiledModulePath } from '../../runtime/compiled-module';

/**
 * Verifies a whole ledger file with one worker thread per core, each over its own range of positions;
 * the links that cross a range boundary are checked when the ranges are joined (one range per core,
 * because every boundary hands over each stream's head). `onProgress` gets the events checked so far.
 */
export async function verifySqliteFile(
  file: string,
  head: number,
  onProgress: (checked: number) => void = () => {},
): Promise<VerificationResult> {
  const size = Math.ceil(head / Math.max(1, availableParallelism()));
  const ranges: { after: number; upTo: number }[] = [];
  for (let after = 0; after < head; after += size) ranges.push({ after, upTo: Math.min(head, after + size) });
  const progress = ranges.map(() => 0);
  const script = compiledModulePath(__dirname, 'sqlite-verify.worker');
  const results = await Promise.all(
    ranges.map(
      (range, index) =>
        new Promise<RangeResult>((resolve, reject) => {
          const worker = new Worker(script, { workerData: { file, ...range } });
          worker.on('message', (message: { progress: number } | { result: RangeResult }) => {
            if ('progress' in message) {
              progress[index] = message.progress;
              onProgress(progress.reduce((a, b) => a + b, 0));
            } else {
              resolve(message.result);
              void worker.terminate();
            }
          });
          worker.once('error', reject);
        }),
    ),
  );
  return joinRanges(results);
}
