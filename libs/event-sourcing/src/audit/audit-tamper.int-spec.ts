import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../adapters/sqlite/sqlite-event-store';
import { type HashedEnvelope, type StoredRecord, sealEnvelope, sha256Hex } from '../envelope/envelope';
import { appendThings, testClock, testKeyring } from '../testing/audit-fixture';
import { CHECKPOINT_STREAM } from './checkpoint';
import { Checkpointer } from './checkpointer';
import { verifyLedger } from './verify-ledger';

/**
 * A real ledger file, changed behind the ledger's back with SQL, then verified by a fresh process-like
 * store: 60 events in 5 streams (thing-0 … thing-4, round robin: position p is event i = p - 1, of
 * thing-(i % 5), revision floor(i / 5)), then 6 checkpoints at positions 61–66 covering 1–10 … 51–60.
 */
describe('audit: tampering with a SQLite ledger', () => {
  const keyring = testKeyring();
  let dir: string;
  let file: string;
  let clock: ReturnType<typeof testClock>;
  let kept: StoredRecord[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-audit-'));
    file = join(dir, 'events.db');
    clock = testClock();
    const store = new SqliteEventStore(file, clock);
    await appendThings(store, 60, 5);
    await new Checkpointer(store, keyring, { every: 10, clock }).checkpointNow();
    kept = await store.readStreamRecords(CHECKPOINT_STREAM);
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function behindTheLedgersBack(sql: (db: Database.Database) => void): void {
    const db = new Database(file);
    db.function('sha256', (text: string) => sha256Hex(text));
    sql(db);
    db.close();
  }

  async function verify(options: { kept?: StoredRecord[] } = {}) {
    const store = new SqliteEventStore(file, clock);
    try {
      return await verifyLedger(store, { keys: keyring.published, clock, ...options });
    } finally {
      await store.close();
    }
  }

  const checkpoint = (revision: number) => ({
    stream: CHECKPOINT_STREAM,
    revision,
    position: String(61 + revision),
  });

  it('finds the untouched ledger intact', async () => {
    expect(await verify({ kept })).toEqual({ intact: true, events: 66, checkpoints: 6 });
  });

  it("locates one changed byte of an event's data", async () => {
    behindTheLedgersBack((db) =>
      db.exec(`UPDATE events SET canonical = replace(canonical, '"i":17', '"i":18') WHERE position = 18`),
    );
    expect(await verify()).toEqual({
      intact: false,
      failure: {
        stream: 'thing-2',
        revision: 3,
        position: '18',
        reason: 'hash does not match the stored bytes',
      },
    });
  });

  it('locates a deleted event at the next event of its stream', async () => {
    behindTheLedgersBack((db) => db.exec('DELETE FROM events WHERE position = 17'));
    expect(await verify()).toMatchObject({
      intact: false,
      failure: { stream: 'thing-1', revision: 4, position: '22', reason: expect.stringMatching(/missing/) },
    });
  });

  it("locates a stream's deleted last event at the checkpoint that signed it", async () => {
    behindTheLedgersBack((db) => db.exec('DELETE FROM events WHERE position = 57'));
    expect(await verify()).toMatchObject({
      intact: false,
      failure: {
        ...checkpoint(5),
        reason: expect.stringMatching(/signed 10 events .* holds 9: events were removed/),
      },
    });
  });

  it('locates two events of one stream swapped at the first one out of order', async () => {
    swap(2, 7);
    expect(await verify()).toMatchObject({
      intact: false,
      failure: {
        stream: 'thing-1',
        revision: 1,
        position: '2',
        reason: expect.stringMatching(/where 0 was due/),
      },
    });
  });

  it('locates two events of different streams swapped at the checkpoint whose root no longer matches', async () => {
    swap(12, 13);
    expect(await verify()).toMatchObject({
      intact: false,
      failure: { ...checkpoint(1), reason: expect.stringMatching(/Merkle root .* reordered/) },
    });
  });

  it("catches the newest events truncated against the newest checkpoint's range", async () => {
    behindTheLedgersBack((db) =>
      db.exec(`DELETE FROM events WHERE position > 55 AND stream != '${CHECKPOINT_STREAM}'`),
    );
    expect(await verify()).toMatchObject({
      intact: false,
      failure: { ...checkpoint(5), reason: 'its last event, at position 60, is missing: it was removed' },
    });
  });

  it('catches a tail truncated with its checkpoints: as uncovered once the grace period is over, and against kept checkpoints at once', async () => {
    behindTheLedgersBack((db) => db.exec('DELETE FROM events WHERE position > 45'));
    expect(await verify()).toMatchObject({ intact: true });
    expect(await verify({ kept })).toMatchObject({
      intact: false,
      failure: {
        ...checkpoint(0),
        reason: expect.stringMatching(/no longer holds this checkpoint .* were cut/),
      },
    });
    clock.advance(3600);
    expect(await verify()).toMatchObject({
      intact: false,
      failure: {
        stream: 'thing-0',
        revision: 0,
        position: '1',
        reason: expect.stringMatching(/no checkpoint covers it/),
      },
    });
  });

  it("locates a checkpoint's replaced signature at its hash, and, re-hashed, at the next checkpoint's link", async () => {
    const replaceSignature = (revision: number, rehash: boolean) =>
      behindTheLedgersBack((db) => {
        const { canonical } = db
          .prepare('SELECT canonical FROM events WHERE position = ?')
          .get(61 + revision) as {
          canonical: string;
        };
        const signature = (JSON.parse(canonical) as HashedEnvelope & { data: { signature: string } }).data
          .signature;
        db.prepare('UPDATE events SET canonical = replace(canonical, ?, ?) WHERE position = ?').run(
          signature,
          'ab'.repeat(64),
          61 + revision,
        );
        if (rehash)
          db.prepare('UPDATE events SET hash = sha256(canonical) WHERE position = ?').run(61 + revision);
      });
    replaceSignature(2, false);
    expect(await verify()).toMatchObject({
      intact: false,
      failure: { ...checkpoint(2), reason: 'hash does not match the stored bytes' },
    });
    replaceSignature(5, true);
    behindTheLedgersBack((db) => db.exec('UPDATE events SET hash = sha256(canonical) WHERE position = 63'));
    // Checkpoint 2 re-hashed too now: its successor's link breaks first.
    expect(await verify()).toMatchObject({
      intact: false,
      failure: { ...checkpoint(3), reason: "prevHash does not match the previous event's hash" },
    });
  });

  it('locates the newest checkpoint with a replaced, re-hashed signature', async () => {
    behindTheLedgersBack((db) => {
      const { canonical } = db.prepare('SELECT canonical FROM events WHERE position = 66').get() as {
        canonical: string;
      };
      const forged = canonical.replace(/"signature":"[0-9a-f]+"/, `"signature":"${'cd'.repeat(64)}"`);
      db.prepare('UPDATE events SET canonical = ?, hash = sha256(?) WHERE position = 66').run(forged, forged);
    });
    expect(await verify()).toMatchObject({
      intact: false,
      failure: { ...checkpoint(5), reason: 'signature does not verify' },
    });
  });

  it('catches an event inserted at the end with a recomputed hash once no checkpoint covers it past the grace period', async () => {
    behindTheLedgersBack((db) => {
      const last = db
        .prepare("SELECT canonical, hash FROM events WHERE stream = 'thing-0' ORDER BY revision DESC LIMIT 1")
        .get() as {
        canonical: string;
        hash: string;
      };
      const envelope = JSON.parse(last.canonical) as HashedEnvelope;
      const forged = sealEnvelope({
        ...envelope,
        eventId: randomUUID(),
        revision: envelope.revision + 1,
        data: { i: 'inserted' },
        metadata: { ...envelope.metadata, prevHash: last.hash },
      });
      db.prepare(
        "INSERT INTO events (stream, revision, category, type, canonical, hash) VALUES ('thing-0', ?, 'thing', 'Thing', ?, ?)",
      ).run(envelope.revision + 1, forged.canonical, forged.hash);
    });
    clock.advance(3600);
    expect(await verify()).toMatchObject({
      intact: false,
      failure: {
        stream: 'thing-0',
        revision: 12,
        position: '67',
        reason: expect.stringMatching(/no checkpoint covers it/),
      },
    });
  });

  it('catches an event inserted inside a signed range, positions renumbered to make room', async () => {
    behindTheLedgersBack((db) => {
      db.exec('UPDATE events SET position = position + 1000000 WHERE position > 30');
      db.exec('UPDATE events SET position = position - 999999 WHERE position > 1000000');
      const forged = sealEnvelope({
        eventId: randomUUID(),
        type: 'Thing',
        schemaVersion: 1,
        stream: 'thing-new',
        revision: 0,
        data: { i: 'inserted' },
        metadata: {
          actor: { accountId: 'account-1', partnerId: null, roles: [] },
          commandId: randomUUID(),
          correlationId: randomUUID(),
          occurredAt: '2026-03-02T15:00:00.000Z',
          recordedAt: '2026-03-02T15:00:00.000Z',
          prevHash: null,
        },
      });
      db.prepare(
        "INSERT INTO events (position, stream, revision, category, type, canonical, hash) VALUES (31, 'thing-new', 0, 'thing', 'Thing', ?, ?)",
      ).run(forged.canonical, forged.hash);
    });
    expect(await verify()).toMatchObject({
      intact: false,
      failure: {
        stream: CHECKPOINT_STREAM,
        revision: 3,
        position: '65',
        reason: expect.stringMatching(/Merkle root/),
      },
    });
  });

  function swap(a: number, b: number): void {
    behindTheLedgersBack((db) =>
      db.exec(`CREATE TEMP TABLE pair AS SELECT * FROM events WHERE position IN (${a}, ${b});
               DELETE FROM events WHERE position IN (${a}, ${b});
               INSERT INTO events (position, stream, revision, category, type, canonical, hash)
                 SELECT CASE position WHEN ${a} THEN ${b} ELSE ${a} END, stream, revision, category, type, canonical, hash
                 FROM pair;`),
    );
  }
});
