import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sha256Hex } from '../../envelope/envelope';
import { compiledModulePath } from '../../runtime/compiled-module';
import { appendOptionsFor } from '../../testing/append-options';
import { SqliteEventStore } from './sqlite-event-store';

describe('SQLite adapter: tampering and crashes', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-sqlite-'));
    file = join(dir, 'events.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function seed(): Promise<void> {
    const store = new SqliteEventStore(file);
    await store.append(
      'thing-a',
      [1, 2, 3].map((n) => ({ type: 'Thing', data: { n } })),
      appendOptionsFor(-1),
    );
    await store.append('thing-b', [{ type: 'Thing', data: { n: 9 } }], appendOptionsFor(-1));
    await store.close();
  }

  function behindTheLedgersBack(sql: (db: Database.Database) => void): void {
    const db = new Database(file);
    db.function('sha256', (text: string) => sha256Hex(text));
    sql(db);
    db.close();
  }

  it('locates one changed byte in an event row', async () => {
    await seed();
    behindTheLedgersBack((db) =>
      db.exec(`UPDATE events SET canonical = replace(canonical, '"n":2', '"n":7') WHERE stream = 'thing-a'`),
    );
    const store = new SqliteEventStore(file);
    expect(await store.verify()).toMatchObject({
      intact: false,
      failure: { stream: 'thing-a', revision: 1, reason: 'hash does not match the stored bytes' },
    });
    expect(await store.verify({ stream: 'thing-b' })).toMatchObject({ intact: true, events: 1 });
    await store.close();
  });

  it('catches an event re-hashed to fit, at the link to its successor', async () => {
    await seed();
    behindTheLedgersBack((db) =>
      db.exec(`UPDATE events SET canonical = replace(canonical, '"n":2', '"n":7') WHERE stream = 'thing-a';
               UPDATE events SET hash = sha256(canonical) WHERE stream = 'thing-a' AND revision = 1;`),
    );
    const store = new SqliteEventStore(file);
    expect(await store.verify({ stream: 'thing-a' })).toMatchObject({
      intact: false,
      failure: {
        stream: 'thing-a',
        revision: 2,
        reason: "prevHash does not match the previous event's hash",
      },
    });
    await store.close();
  });

  it('catches a deleted event as a gap in its stream', async () => {
    await seed();
    behindTheLedgersBack((db) => db.exec(`DELETE FROM events WHERE stream = 'thing-a' AND revision = 1`));
    const store = new SqliteEventStore(file);
    expect(await store.verify()).toMatchObject({
      intact: false,
      failure: { stream: 'thing-a', revision: 2 },
    });
    await store.close();
  });

  it('loses no acknowledged append when the process is killed with SIGKILL mid-load', async () => {
    const child = spawn(
      process.execPath,
      [compiledModulePath(join(__dirname, '../../testing'), 'sqlite-append-load'), file],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const acked: [string, number][] = [];
    let buffered = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const [, stream, revision] = line.split(' ');
          acked.push([stream, Number(revision)]);
        }
        if (acked.length >= 3000) resolve();
      });
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const store = new SqliteEventStore(file);
    const newest = new Map<string, number>();
    for (const [stream, revision] of acked) newest.set(stream, Math.max(revision, newest.get(stream) ?? -1));
    for (const [stream, revision] of newest) {
      const [last] = await store.readStream(stream, { direction: 'backwards', limit: 1 });
      expect(last.revision).toBeGreaterThanOrEqual(revision);
    }
    expect(newest.size).toBe(16);
    expect(await store.verify()).toMatchObject({ intact: true });
    await store.close();
  });
});
