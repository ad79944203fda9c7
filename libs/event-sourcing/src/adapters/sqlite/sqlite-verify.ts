import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DigestRequest } from '../../audit/range-digest';
import { joinRanges, type RangeResult, type VerificationResult } from '../../envelope/verify';
import { compiledModulePath } from '../../runtime/compiled-module';

export interface VerifySlice {
  after: number;
  upTo: number;
  /** The digest request restricted to this slice: its range ends all lie in (after, upTo]. */
  digest?: { exclude: string; ends: number[] };
}

/**
 * Verifies a whole ledger file with one worker thread per core, each over its own range of positions;
 * the links that cross a range boundary are checked when the ranges are joined (one range per core,
 * because every boundary hands over each stream's head). `onProgress` gets the events checked so far.
 * With a digest request, slice boundaries move to the nearest range end, so no digested range is split.
 */
export async function verifySqliteFile(
  file: string,
  head: number,
  onProgress: (checked: number) => void = () => {},
  digest?: DigestRequest,
): Promise<VerificationResult> {
  const slices = planSlices(head, Math.max(1, availableParallelism()), digest);
  const progress = slices.map(() => 0);
  const script = compiledModulePath(__dirname, 'sqlite-verify.worker');
  const results = await Promise.all(
    slices.map(
      (slice, index) =>
        new Promise<RangeResult>((resolve, reject) => {
          const worker = new Worker(script, { workerData: { file, ...slice } });
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

export function planSlices(head: number, parts: number, digest?: DigestRequest): VerifySlice[] {
  const ends = digest?.ends.map(Number) ?? [];
  const size = Math.ceil(head / parts);
  const cuts: number[] = [];
  for (let target = size; target < head; target += size) {
    // Cut at the first range end at or after the target; past the last end, only the tail is left to cut.
    const cut =
      ends.find((end) => end >= target && end < head) ?? (target > (ends.at(-1) ?? 0) ? target : head);
    if (cut > (cuts.at(-1) ?? 0) && cut < head) cuts.push(cut);
  }
  const bounds = [0, ...cuts, head];
  return bounds.slice(1).map((upTo, i) => {
    const after = bounds[i];
    const last = i === bounds.length - 2;
    if (!digest) return { after, upTo };
    // The last slice also takes any ends beyond the head, so their (empty) ranges are still reported.
    const mine = ends.filter((end) => end > after && (last || end <= upTo));
    return { after, upTo, digest: { exclude: digest.exclude, ends: mine } };
  });
}
