import { randomUUID } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-sourcing';
import { openLedgerDatabase } from '@ledger/event-sourcing/adapters/sqlite/sqlite-schema';
import {
  type AppendRequest,
  prepareAppend,
  SqliteWriter,
} from '@ledger/event-sourcing/adapters/sqlite/sqlite-writer';
import { appendOptionsFor } from '@ledger/event-sourcing/testing/append-options';
import Database from 'better-sqlite3';
import { type Benchmark, dataDir, percentile, report, scratchDir } from './bench-kit';

const payload = (i: number) => ({
  type: 'ReferralMade',
  data: { customerId: randomUUID(), toPartnerId: randomUUID(), reason: { ciphertext: 'x'.repeat(120), i } },
});

async function appendWriters(writers: number, seconds: number): Promise<{ rate: number; p99: number }> {
  const scratch = scratchDir('append');
  const store = new SqliteEventStore(join(scratch.dir, 'events.db'));
  const latencies: number[] = [];
  let count = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      const stream = `bench-${randomUUID()}`;
      for (let revision = -1; Date.now() < deadline; revision++) {
        const t0 = performance.now();
        await store.append(stream, [payload(count)], appendOptionsFor(revision));
        latencies.push(performance.now() - t0);
        count++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await store.close();
  scratch.dispose();
  latencies.sort((a, b) => a - b);
  return { rate: count / elapsed, p99: percentile(latencies, 99) };
}

/** The 1,000,000-event data set, made once (seeded by count, not by time) and shared by benchmarks. */
export function millionEvents(): string {
  const file = join(dataDir(), 'events-1m.db');
  if (existsSync(file)) return file;
  const building = `${file}.building`;
  const db = openLedgerDatabase(building);
  db.pragma('synchronous = OFF');
  const writer = new SqliteWriter(db);
  const streams = 100_000;
  for (let batch = 0; batch < 1000; batch++) {
    const requests: AppendRequest[] = [];
    for (let i = 0; i < 1000; i++) {
      const n = batch * 1000 + i;
      const stream = `referral-${String(n % streams).padStart(8, '0')}`;
      const revision = Math.floor(n / streams) - 1;
      requests.push({ stream, events: [payload(n)], ...appendOptionsFor(revision, `seed-${n}`) });
    }
    writer.writeBatch(requests.map(prepareAppend), new Date(Date.UTC(2026, 0, 1, 0, 0, batch)).toISOString());
  }
  db.close();
  renameSync(building, file);
  return file;
}

export const eventStoreBenchmarks: Benchmark[] = [
  {
    name: 'append',
    figures: ['append_1_writer', 'append_64_writers', 'append_p99_64_writers'],
    async run() {
      report('append_1_writer', (await appendWriters(1, 5)).rate, 'events/s');
      const many = await appendWriters(64, 8);
      report('append_64_writers', many.rate, 'events/s');
      report('append_p99_64_writers', many.p99, 'ms');
    },
  },
  {
    name: 'ceiling',
    figures: ['sqlite_batched_ceiling'],
    async run() {
      const scratch = scratchDir('ceiling');
      const db = new Database(join(scratch.dir, 'plain.db'));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec(
        'CREATE TABLE events (position INTEGER PRIMARY KEY, stream TEXT, revision INTEGER, canonical TEXT)',
      );
      const insert = db.prepare('INSERT INTO events (stream, revision, canonical) VALUES (?, ?, ?)');
      const row = JSON.stringify(payload(0));
      const insertMany = db.transaction((from: number) => {
        for (let i = from; i < from + 1000; i++) insert.run(`bench-${i}`, 0, row);
      });
      const total = 300_000;
      const started = performance.now();
      for (let from = 0; from < total; from += 1000) insertMany(from);
      report('sqlite_batched_ceiling', total / ((performance.now() - started) / 1000), 'events/s');
      db.close();
      scratch.dispose();
    },
  },
  {
    name: 'verify',
    figures: ['read_verify_all'],
    async run() {
      const store = new SqliteEventStore(millionEvents());
      const started = performance.now();
      const result = await store.verify();
      const seconds = (performance.now() - started) / 1000;
      if (!result.intact || result.events !== 1_000_000)
        throw new Error(`verification failed: ${JSON.stringify(result)}`);
      report('read_verify_all', result.events / seconds, 'events/s');
      await store.close();
    },
  },
];
