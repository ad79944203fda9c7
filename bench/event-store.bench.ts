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
import { pooledUuidV7 } from '@ledger/security';
import Database from 'better-sqlite3';
import { type Benchmark, dataDir, percentile, report, scratchDir } from './bench-kit';

const payload = (i: number) => ({
  type: 'ReferralMade',
  data: { customerId: randomUUID(), toPartnerId: randomUUID(), reason: { ciphertext: 'x'.repeat(120), i } },
});

async function appendWriters(
  writers: number,
  seconds: number,
): Promise<{ rate: number; p99: number; cpu: number }> {
  const scratch = scratchDir('append');
  const store = new SqliteEventStore(join(scratch.dir, 'events.db'));
  const latencies: number[] = [];
  let count = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      const stream = `bench-${randomUUID()}`;
      for (let revision = -1; Date.now() < deadline; revision++) {
        const t0 = performance.now();
        // Command ids minted as the API mints them (uuid's own v7() draws 16 bytes from OpenSSL per id, ~6 µs
        // here, which would be charged to the store).
        await store.append(stream, [payload(count)], appendOptionsFor(revision, pooledUuidV7()));
        latencies.push(performance.now() - t0);
        count++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await store.close();
  scratch.dispose();
  latencies.sort((a, b) => a - b);
  return { rate: count / elapsed, p99: percentile(latencies, 99), cpu: (cpu.user + cpu.system) / count };
}

/**
 * The most one sequential writer could reach on this disk: one-row transactions, each fsync'd (WAL,
 * synchronous=FULL), on the benchmark's own thread. Measured next to append_1_writer, whose every
 * append is such a transaction plus its indexes and two thread hand-offs.
 */
function fsyncCeiling(seconds: number): number {
  const scratch = scratchDir('fsync');
  const db = new Database(join(scratch.dir, 'plain.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, canonical TEXT)');
  const insert = db.prepare('INSERT INTO events (canonical) VALUES (?)');
  const row = JSON.stringify(payload(0));
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    insert.run(row);
    count++;
  }
  const rate = count / ((performance.now() - started) / 1000);
  db.close();
  scratch.dispose();
  return rate;
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
    figures: [
      'fsync_ceiling_1_row',
      'append_1_writer',
      'append_cpu_1_writer',
      'append_64_writers',
      'append_p99_64_writers',
      'append_cpu_64_writers',
    ],
    async run() {
      // CPU per event (every thread of the process, the benchmark's own writers included) varies far
      // less than throughput on a shared machine: compare it too.
      report('fsync_ceiling_1_row', fsyncCeiling(3), 'transactions/s');
      const one = await appendWriters(1, 5);
      report('append_1_writer', one.rate, 'events/s');
      report('append_cpu_1_writer', one.cpu, 'us/event');
      const many = await appendWriters(64, 8);
      report('append_64_writers', many.rate, 'events/s');
      report('append_p99_64_writers', many.p99, 'ms');
      report('append_cpu_64_writers', many.cpu, 'us/event');
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
    figures: ['read_verify_all', 'read_verify_all_cpu'],
    async run() {
      const store = new SqliteEventStore(millionEvents());
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const result = await store.verify();
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      if (!result.intact || result.events !== 1_000_000)
        throw new Error(`verification failed: ${JSON.stringify(result)}`);
      report('read_verify_all', result.events / seconds, 'events/s');
      report('read_verify_all_cpu', (cpu.user + cpu.system) / result.events, 'us/event');
      await store.close();
    },
  },
];
