import { parentPort, workerData } from 'node:worker_threads';
import { openLedgerDatabase } from './sqlite-schema';
import { SqliteWriter, type WriteRequest } from './sqlite-writer';

/**
 * The single writer, on its own thread: building events (canonical JSON, SHA-256) and the fsync of each
 * group commit happen here, so the main thread keeps serving requests while a batch commits.
 */
export interface WriterBatch {
  id: number;
  recordedAt: string;
  requests: WriteRequest[];
}

const db = openLedgerDatabase((workerData as { file: string }).file);
const writer = new SqliteWriter(db);

parentPort!.on('message', (batch: WriterBatch | 'close') => {
  if (batch === 'close') {
    db.close();
    parentPort!.postMessage({ closed: true });
    return;
  }
  try {
    parentPort!.postMessage({ id: batch.id, outcomes: writer.writeBatch(batch.requests, batch.recordedAt) });
  } catch (error) {
    parentPort!.postMessage({
      id: batch.id,
      failure: error instanceof Error ? error.message : String(error),
    });
  }
});
