import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { openLedgerDatabase } from './sqlite-schema';
import { SqliteWriter } from './sqlite-writer';
import { REPLIED, SENT, type WriterThreadData } from './writer-channel';
import { decodeBatch, encodeOutcomes, type FlatMessage } from './writer-messages';

/*
 * The single writer, on its own thread: sealing events (joining the canonical text the appending thread
 * prepared, SHA-256) and the fsync of each group commit happen here, so the main thread keeps serving
 * requests while a batch commits. It sleeps in Atomics.wait between batches (see WriterChannel); it has
 * nothing else to wait for.
 */

/** An encoded batch (writer-messages), or the request to close the connection. */
export type WriterMessage = FlatMessage | 'close';

const { file, counters, requests, replies } = workerData as WriterThreadData;
const db = openLedgerDatabase(file);
const writer = new SqliteWriter(db);

function reply(message: unknown): void {
  replies.postMessage(message);
  Atomics.add(counters, REPLIED, 1);
  Atomics.notify(counters, REPLIED);
}

for (let handled = 0; ; ) {
  Atomics.wait(counters, SENT, handled);
  if (Atomics.load(counters, SENT) === handled) continue;
  handled += 1;
  const batch = receiveMessageOnPort(requests)?.message as WriterMessage;
  if (batch === 'close') {
    db.close();
    reply({ closed: true });
    break;
  }
  try {
    const { requests, recordedAt } = decodeBatch(batch);
    reply({ outcomes: encodeOutcomes(writer.writeBatch(requests, recordedAt)) });
  } catch (error) {
    reply({ failure: error instanceof Error ? error.message : String(error) });
  }
}
