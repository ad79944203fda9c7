import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../adapters/sqlite/sqlite-event-store';
import { appendOptionsFor } from './append-options';

/**
 * A child process for the crash test: 16 writers append to their own streams as fast as they can and
 * print `ack <stream> <revision>` only once the store has acknowledged the append. The parent kills it.
 */
const store = new SqliteEventStore(process.argv[2]);

async function writer(stream: string): Promise<never> {
  for (let revision = 0; ; revision++) {
    const result = await store.append(
      stream,
      [{ type: 'Loaded', data: { revision } }],
      appendOptionsFor(revision - 1),
    );
    process.stdout.write(`ack ${result.stream} ${result.revision}\n`);
  }
}

for (let i = 0; i < 16; i++) void writer(`load-${randomUUID()}`);
