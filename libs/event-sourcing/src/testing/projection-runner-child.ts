import { SqliteEventStore } from '../adapters/sqlite/sqlite-event-store';
import { ProjectionRunner } from '../projections/projection-runner';
import { openReadDatabase, type ReadDatabaseTarget } from '../projections/read-database';
import { sampleProjection } from './sample-projection';

/**
 * A child process for the crash test: runs the sample projection over an event store into a read
 * database and prints `committed <position>` after each transaction. With a chunk number, it stops inside
 * that `apply` call (rows written, checkpoint not yet committed), prints `hanging`, and waits to be killed.
 * Arguments: <events file> <read database target as JSON> <batch size> <chunk size> [chunk to hang in].
 */
async function main(): Promise<void> {
  const [file, target, batchSize, chunkSize, hangAt] = process.argv.slice(2);
  const store = new SqliteEventStore(file);
  const database = await openReadDatabase(JSON.parse(target) as ReadDatabaseTarget);
  let batches = 0;
  const projection = sampleProjection({
    midBatch: async () => {
      if (++batches !== Number(hangAt)) return;
      process.stdout.write('hanging\n');
      await new Promise(() => undefined);
    },
  });
  const runner = new ProjectionRunner({
    store,
    database,
    projections: [projection],
    batchSize: Number(batchSize),
    chunkSize: Number(chunkSize),
  });
  runner.onCheckpoint((_name, position) => process.stdout.write(`committed ${position}\n`));
  await runner.start();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
