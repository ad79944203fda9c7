import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { ReadDatabaseTarget } from '../projections/read-database';
import { compiledModulePath } from '../runtime/compiled-module';
import { expectedRows, generationsOf, type ProjectionWorld, rowsOf } from './projection-suite';
import { sampleProjection } from './sample-projection';

const HANDLED = ['Thing', 'ReferralMade'];

type Child = ChildProcessByStdio<null, Readable, null>;

function startChild(world: ProjectionWorld, target: ReadDatabaseTarget, hangAt?: number): Child {
  // Transactions of 100 events applied 40 at a time.
  const args = [world.store.file, JSON.stringify(target), '100', '40', ...(hangAt ? [String(hangAt)] : [])];
  return spawn(process.execPath, [compiledModulePath(__dirname, 'projection-runner-child'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Resolves when the child has printed a line that `until` accepts. */
function watch(child: Child, until: (line: string, index: number) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let count = 0;
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before the moment to kill it`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (until(line, count++)) resolve();
    });
  });
}

async function kill(child: Child): Promise<void> {
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** SIGKILL a runner in a child process mid-batch, restart it: the rows are those of a run never interrupted. */
export function projectionCrashTests(world: () => ProjectionWorld): void {
  it('a runner killed with SIGKILL mid-batch and restarted ends with the rows of an uninterrupted run', async () => {
    const w = world();
    for (let i = 0; i < 1000; i++) {
      await w.append(
        `${['thing', 'case', 'plan'][i % 3]}-${i % 37}`,
        ['Thing', 'ReferralMade', 'Other'].slice(i % 3),
      );
    }
    const head = (await w.store.headPosition())!;
    const target = await w.freshTarget(w.dir);
    const database = await w.database(target);
    const atCheckpoint = async () => {
      const [generation] = await generationsOf(database);
      expect(await rowsOf(database)).toEqual(expectedRows(await w.events(generation?.position), HANDLED));
      return generation?.position;
    };

    // Killed inside its 5th chunk (40 + 40 + 20 events, then 40 + 40: the 2nd transaction's second): the
    // rows of that transaction's first chunk and the first table's of this one are written, none committed.
    const hanging = startChild(w, target, 5);
    await watch(hanging, (line) => line === 'hanging');
    await kill(hanging);
    const afterHang = await atCheckpoint();
    expect(afterHang).toBeDefined();

    // Killed wherever it happens to be, a few batches later.
    const running = startChild(w, target);
    const batches = 2 + Math.floor(Math.random() * 3);
    await watch(running, (line, index) => line.startsWith('committed') && index >= batches);
    await kill(running);
    const afterKill = await atCheckpoint();
    expect(w.store.comparePositions(afterKill!, afterHang!)).toBeGreaterThan(0);

    const restarted = w.runner(database, [sampleProjection()]);
    await restarted.start();
    expect(await restarted.waitFor(head, 10_000)).toBe(true);

    const uninterrupted = await w.database();
    const reference = w.runner(uninterrupted, [sampleProjection()]);
    await reference.start();
    expect(await reference.waitFor(head, 10_000)).toBe(true);
    expect(await rowsOf(database)).toEqual(await rowsOf(uninterrupted));
    expect(await rowsOf(database)).toEqual(expectedRows(await w.events(), HANDLED));
  });
}
