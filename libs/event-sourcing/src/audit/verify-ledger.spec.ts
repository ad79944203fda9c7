import { InMemoryEventStore } from '../adapters/in-memory/in-memory-event-store';
import { canonicalJson } from '../envelope/canonical-json';
import { type HashedEnvelope, type StoredRecord, sha256Hex } from '../envelope/envelope';
import type { Position } from '../store/event-store';
import { appendThings, testClock, testKeyring } from '../testing/audit-fixture';
import { CHECKPOINT_STREAM } from './checkpoint';
import { Checkpointer } from './checkpointer';
import { verifyLedger } from './verify-ledger';
import { verifyStream } from './verify-stream';

const keyring = testKeyring();

async function ledger() {
  const clock = testClock();
  const store = new InMemoryEventStore(clock);
  await appendThings(store, 30);
  await new Checkpointer(store, keyring, { every: 10, clock }).checkpointNow();
  await appendThings(store, 3, 4, 30);
  const verify = (more: Partial<Parameters<typeof verifyLedger>[1]> = {}) =>
    verifyLedger(store, { keys: keyring.published, clock, ...more });
  return { store, clock, verify };
}

/** Rewrites a stored record's envelope and re-hashes it, as someone with write access to the file could. */
function rehash(record: StoredRecord, change: (envelope: HashedEnvelope) => void): StoredRecord {
  const envelope = JSON.parse(record.canonical) as HashedEnvelope;
  change(envelope);
  const canonical = canonicalJson(envelope);
  return { ...record, canonical, hash: sha256Hex(canonical) };
}

/** Changes one event's data and re-hashes it and every later event of its stream, so every chain holds. */
async function forgeStream(store: InMemoryEventStore, stream: string, revision: number): Promise<void> {
  let prevHash: string | undefined;
  for (const record of await store.readStreamRecords(stream, { fromRevision: revision })) {
    const forged = rehash(record, (e) => {
      if (e.revision === revision) e.data = { forged: true };
      else e.metadata.prevHash = prevHash as string;
    });
    store.tamper(record.position, () => forged);
    prevHash = forged.hash;
  }
}

describe('verifyLedger', () => {
  it('finds an intact ledger: every event re-hashed, every checkpoint checked', async () => {
    const { verify } = await ledger();
    expect(await verify()).toEqual({ intact: true, events: 36, checkpoints: 3 });
  });

  it('reports progress for a CLI progress bar', async () => {
    const { verify } = await ledger();
    const seen: string[] = [];
    await verify({ onProgress: (p) => seen.push(`${p.phase} ${p.checked}/${p.total}`) });
    expect(seen).toContain('checkpoints 3/3');
    expect(seen).toContain('events 36/33');
  });

  it('locates a changed byte at its event', async () => {
    const { store, verify } = await ledger();
    store.tamper('7' as Position, (r) => ({ ...r, canonical: r.canonical.replace('"i":6', '"i":9') }));
    expect(await verify()).toMatchObject({
      intact: false,
      failure: {
        stream: 'thing-2',
        revision: 1,
        position: '7',
        reason: 'hash does not match the stored bytes',
      },
    });
  });

  it('catches a stream rewritten with every hash recomputed at the checkpoint that signed it', async () => {
    const { store, verify } = await ledger();
    await forgeStream(store, 'thing-1', 3);
    expect(await store.verify()).toMatchObject({ intact: true });
    expect(await verify()).toMatchObject({
      intact: false,
      failure: {
        stream: CHECKPOINT_STREAM,
        revision: 1,
        position: '32',
        reason: expect.stringMatching(/Merkle root/),
      },
    });
  });

  it('catches two events of different streams swapped in global order', async () => {
    const { store, verify } = await ledger();
    const [first, second] = await store.readRecords({ limit: 2 });
    store.tamper(first.position, () => ({ ...second, position: first.position }));
    store.tamper(second.position, () => ({ ...first, position: second.position }));
    expect(await store.verify()).toMatchObject({ intact: true });
    expect(await verify()).toMatchObject({
      intact: false,
      failure: { stream: CHECKPOINT_STREAM, revision: 0, reason: expect.stringMatching(/reordered/) },
    });
  });

  it('lets fresh uncovered events pass, and fails the first one older than the interval plus grace', async () => {
    const { clock, verify } = await ledger();
    clock.advance(60 + 299);
    expect(await verify()).toMatchObject({ intact: true });
    clock.advance(2);
    expect(await verify()).toMatchObject({
      intact: false,
      failure: {
        stream: 'thing-2',
        revision: 7,
        position: '34',
        reason: expect.stringMatching(/no checkpoint covers it/),
      },
    });
    expect(await verify({ graceSeconds: 3600 })).toMatchObject({ intact: true });
  });

  it('fails a checkpoint whose signature was replaced and re-hashed', async () => {
    const { store, verify } = await ledger();
    const [newest] = await store.readStreamRecords(CHECKPOINT_STREAM, { direction: 'backwards', limit: 1 });
    store.tamper(newest.position, (r) =>
      rehash(r, (e) => {
        (e.data as { signature: string }).signature = 'ab'.repeat(64);
      }),
    );
    expect(await verify()).toMatchObject({
      intact: false,
      failure: { stream: CHECKPOINT_STREAM, revision: 2, reason: 'signature does not verify' },
    });
  });

  it('refuses checkpoints signed by a key that is not published', async () => {
    const { verify } = await ledger();
    expect(await verify({ keys: testKeyring().published })).toMatchObject({
      intact: false,
      failure: { stream: CHECKPOINT_STREAM, revision: 0, reason: expect.stringMatching(/not published/) },
    });
  });

  it('checks the checkpoints an auditor kept: present, unchanged, authentic', async () => {
    const { store, verify } = await ledger();
    const kept = await store.readStreamRecords(CHECKPOINT_STREAM);
    expect(await verify({ kept })).toMatchObject({ intact: true });
    const fromTheFuture = { ...kept[2], revision: 3 };
    expect(await verify({ kept: [fromTheFuture] })).toMatchObject({
      intact: false,
      failure: { reason: expect.stringMatching(/not authentic/) },
    });
    const forged = rehash(kept[1], (e) => {
      (e.data as { eventCount: number }).eventCount = 11;
    });
    expect(await verify({ kept: [forged] })).toMatchObject({
      intact: false,
      failure: { revision: 1, reason: expect.stringMatching(/not authentic: signature/) },
    });
  });
});

describe('verifyStream', () => {
  it("checks one stream's chain and every checkpoint covering it", async () => {
    const { store, clock } = await ledger();
    const options = { keys: keyring.published, clock };
    expect(await verifyStream(store, 'thing-1', options)).toEqual({
      intact: true,
      events: 8,
      checkpoints: 3,
    });
    expect(await verifyStream(store, CHECKPOINT_STREAM, options)).toEqual({
      intact: true,
      events: 3,
      checkpoints: 3,
    });
    await forgeStream(store, 'thing-3', 1);
    expect(await verifyStream(store, 'thing-1', options)).toMatchObject({
      intact: false,
      failure: { stream: CHECKPOINT_STREAM, revision: 0, reason: expect.stringMatching(/Merkle root/) },
    });
    clock.advance(3600);
    expect(await verifyStream(store, 'thing-0', { ...options, graceSeconds: 0 })).toMatchObject({
      intact: false,
      failure: { reason: expect.stringMatching(/Merkle root/) },
    });
  });

  it('fails an uncovered event of the stream past the grace period', async () => {
    const { store, clock } = await ledger();
    clock.advance(3600);
    expect(await verifyStream(store, 'thing-2', { keys: keyring.published, clock })).toMatchObject({
      intact: false,
      failure: { stream: 'thing-2', revision: 7, position: '34' },
    });
  });
});
