import { createPrivateKey, hash } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildCheckpoint,
  CHECKPOINT_STREAM,
  CHECKPOINT_TYPE,
  type CheckpointKeyring,
  configuredKeyring,
  type Position,
  readHistory,
  SqliteEventStore,
  verifyLedger,
} from '@ledger/event-sourcing';
import { openLedgerDatabase } from '@ledger/event-sourcing/adapters/sqlite/sqlite-schema';
import {
  type AppendRequest,
  prepareAppend,
  SqliteWriter,
} from '@ledger/event-sourcing/adapters/sqlite/sqlite-writer';
import { appendOptionsFor } from '@ledger/event-sourcing/testing/append-options';
import { type Benchmark, dataDir, percentile, report } from './bench-kit';

/** The data set's signing key, from a fixed seed, so the cached file verifies on every run. */
export function benchKeyring(): CheckpointKeyring {
  const seed = hash('sha256', 'ledger-bench-checkpoint-key', 'buffer');
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  return configuredKeyring({
    signingKeyPem: key.export({ type: 'pkcs8', format: 'pem' }) as string,
    createdAt: '2026-01-01T00:00:00.000Z',
  });
}

const LONG_STREAMS = 50;
const longStream = (k: number) => `case-long-${String(k).padStart(2, '0')}`;

/**
 * 1,000,000 events with a signed checkpoint after every 1,000 (as a running ledger with the default
 * LEDGER_CHECKPOINT_EVERY would have them), made once and cached. Every 20th event goes to one of 50
 * long streams (1,000 events each, spread over the whole ledger); the others to 95,000 short ones.
 */
export function checkpointedMillion(): string {
  const file = join(dataDir(), 'events-1m-checkpointed.db');
  if (existsSync(file)) return file;
  const building = `${file}.building`;
  const db = openLedgerDatabase(building);
  db.pragma('synchronous = OFF');
  const writer = new SqliteWriter(db);
  const { signer } = benchKeyring();
  const hashesAfter = db.prepare(
    'SELECT position, hash FROM events WHERE position > ? AND stream != ? ORDER BY position',
  );
  let previous: { hash: string; position: number } | undefined;
  for (let batch = 0; batch < 1000; batch++) {
    const recordedAt = new Date(Date.UTC(2026, 0, 1, 0, 0, batch)).toISOString();
    const requests: AppendRequest[] = [];
    for (let i = 0; i < 1000; i++) {
      const n = batch * 1000 + i;
      const stream =
        n % 20 === 0
          ? longStream((n / 20) % LONG_STREAMS)
          : `referral-${String(n % 95_000).padStart(8, '0')}`;
      const data = { customerId: `customer-${n % 95_000}`, reason: { ciphertext: 'x'.repeat(120), n } };
      requests.push({
        stream,
        events: [{ type: 'ReferralMade', data }],
        ...appendOptionsFor('any', `seed-${n}`),
      });
    }
    writer.writeBatch(requests.map(prepareAppend), recordedAt);
    const covered = (
      hashesAfter.all(previous?.position ?? 0, CHECKPOINT_STREAM) as { position: number; hash: string }[]
    ).map((row) => ({ position: String(row.position) as Position, hash: row.hash }));
    const data = buildCheckpoint(covered, previous?.hash ?? null, signer);
    const [outcome] = writer.writeBatch(
      [
        prepareAppend({
          stream: CHECKPOINT_STREAM,
          events: [{ type: CHECKPOINT_TYPE, data }],
          ...appendOptionsFor(batch === 0 ? 'no_stream' : batch - 1, `checkpoint-${batch}`),
        }),
      ],
      recordedAt,
    );
    if (!outcome.ok || !('position' in outcome)) throw new Error(`checkpoint ${batch} refused`);
    const head = db.prepare('SELECT hash FROM events WHERE position = ?').get(outcome.position) as {
      hash: string;
    };
    previous = { hash: head.hash, position: Number(data.toPosition) };
  }
  db.close();
  renameSync(building, file);
  return file;
}

export const auditBenchmarks: Benchmark[] = [
  {
    name: 'audit-verify',
    figures: ['verify_1m', 'verify_1m_cpu'],
    async run() {
      const store = new SqliteEventStore(checkpointedMillion());
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const result = await verifyLedger(store, {
        keys: benchKeyring().published,
        clock: () => new Date('2026-01-01T00:20:00Z'),
      });
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      await store.close();
      if (!result.intact || result.events !== 1_001_000 || result.checkpoints !== 1000) {
        throw new Error(`verification failed: ${JSON.stringify(result)}`);
      }
      report('verify_1m', result.events / seconds, 'events/s');
      report('verify_1m_cpu', (cpu.user + cpu.system) / result.events, 'us/event');
    },
  },
  {
    name: 'audit-history',
    figures: ['history_as_of_p99'],
    async run() {
      const store = new SqliteEventStore(checkpointedMillion());
      // Each read stops late in its stream (900-999 of 1,000 events), half by position, half by time.
      // The first 20 reads warm the statements and page cache and are not counted.
      const latencies: number[] = [];
      for (let i = -20; i < 300; i++) {
        const stream = longStream(((i + 20) * 7) % LONG_STREAMS);
        const [target] = await store.readStream(stream, {
          fromRevision: 900 + (((i + 20) * 37) % 100),
          limit: 1,
        });
        const asOf = i % 2 ? { position: target.position } : { time: new Date(target.metadata.recordedAt) };
        const started = performance.now();
        const history = await readHistory(store, stream, { asOf });
        if (i >= 0) latencies.push(performance.now() - started);
        if (history.length < 900)
          throw new Error(`${stream} as of ${JSON.stringify(asOf)}: ${history.length} events`);
      }
      await store.close();
      latencies.sort((a, b) => a - b);
      report('history_as_of_p99', percentile(latencies, 99), 'ms');
    },
  },
];
