import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { appendOptionsFor } from '../../testing/append-options';
import { CallingThreadWriter } from './calling-thread-writer';
import { openLedgerDatabase } from './sqlite-schema';
import { prepareAppend } from './sqlite-writer';

const append = (stream: string) =>
  prepareAppend({ stream, events: [{ type: 'Noted', data: { n: 1 } }], ...appendOptionsFor(-1) });
const now = () => new Date().toISOString();
const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('CallingThreadWriter: lone appends written on the calling thread while it is calm', () => {
  let dir: string;
  let file: string;
  let writer: CallingThreadWriter;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'calling-thread-'));
    file = join(dir, 'events.db');
    openLedgerDatabase(file).close();
    writer = new CallingThreadWriter(file);
  });
  afterEach(() => {
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes while the thread is calm, and declines once its other work fills most of a window', async () => {
    await pause(150);
    expect(writer.tryWrite(append('calm-1'), now())).toMatchObject({ ok: true, revision: 0 });
    spin(150); // this thread busy with something else for a whole window
    expect(writer.tryWrite(append('busy-1'), now())).toBeUndefined();
    await pause(150);
    expect(writer.tryWrite(append('calm-2'), now())).toMatchObject({ ok: true, revision: 0 });
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT stream FROM events ORDER BY position').pluck().all()).toEqual([
      'calm-1',
      'calm-2',
    ]);
    db.close();
  });

  it('declines, writing nothing, while another connection holds the write lock', async () => {
    await pause(150); // a calm window, so that only the lock can make it decline
    const other = new Database(file);
    other.prepare('BEGIN IMMEDIATE').run();
    expect(writer.tryWrite(append('blocked'), now())).toBeUndefined();
    other.prepare('ROLLBACK').run();
    expect(writer.tryWrite(append('blocked'), now())).toMatchObject({ ok: true, revision: 0 });
    other.close();
  });
});
