import fc from 'fast-check';
import { InMemoryEventStore } from '../adapters/in-memory/in-memory-event-store';
import { StreamNotFoundError } from '../store/event-store';
import { appendThings, testClock, testKeyring } from '../testing/audit-fixture';
import { type ExportBundle, exportBundle } from './bundle';
import { Checkpointer } from './checkpointer';
import { EventNotFoundError, proveEvent } from './inclusion';
import { verifyInclusion } from './merkle';
import { verifyBundle } from './verify-bundle';

const keyring = testKeyring();

async function ledger() {
  const clock = testClock();
  const store = new InMemoryEventStore(clock);
  const checkpointer = new Checkpointer(store, keyring, { every: 7, clock });
  await appendThings(store, 40, 3);
  await checkpointer.checkpointNow();
  await appendThings(store, 2, 3, 40);
  return { store, clock, checkpointer };
}

describe('inclusion proofs', () => {
  it("proves an event in its checkpoint's signed root, and says so when none covers it yet", async () => {
    const { store, checkpointer } = await ledger();
    const proof = await proveEvent(store, 'thing-1', 5);
    if (!proof) throw new Error('expected a proof');
    const checkpoint = JSON.parse(proof.checkpoint.canonical).data;
    expect(proof.event).toMatchObject({ stream: 'thing-1', revision: 5, position: '17' });
    expect(proof.proof).toMatchObject({ leafIndex: 2, treeSize: 7 });
    expect(verifyInclusion(proof.event.hash, proof.proof, checkpoint.merkleRoot)).toBe(true);

    expect(await proveEvent(store, 'thing-1', 13)).toBeUndefined();
    await checkpointer.checkpointNow();
    expect(await proveEvent(store, 'thing-1', 13)).toMatchObject({ proof: { treeSize: 2 } });
    await expect(proveEvent(store, 'thing-1', 14)).rejects.toBeInstanceOf(EventNotFoundError);
  });
});

describe('export bundles', () => {
  it('carry a stream as stored, its checkpoints, proofs and keys, and verify offline', async () => {
    const { store, checkpointer, clock } = await ledger();
    await checkpointer.checkpointNow();
    const bundle = await exportBundle(store, 'thing-2', { keyring, clock });
    expect(bundle.events).toHaveLength(14);
    expect(bundle.checkpoints.map((c) => c.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(bundle.keys).toEqual(keyring.published);
    expect(verifyBundle(bundle)).toEqual({
      intact: true,
      stream: 'thing-2',
      events: 14,
      checkpoints: 7,
      unproven: 0,
    });
    expect(verifyBundle(JSON.stringify(bundle))).toMatchObject({ intact: true });
    expect(verifyBundle(Buffer.from(JSON.stringify(bundle)))).toMatchObject({ intact: true });
    await expect(exportBundle(store, 'thing-9', { keyring })).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('fail when any byte is edited', async () => {
    const { store, checkpointer, clock } = await ledger();
    await checkpointer.checkpointNow();
    const text = JSON.stringify(await exportBundle(store, 'thing-0', { keyring, clock }));
    expect(verifyBundle(text)).toMatchObject({ intact: true });
    const bytes = Buffer.from(text);
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, delta) => {
        const edited = Buffer.from(bytes);
        edited[at] = (edited[at] + delta) % 256;
        expect(verifyBundle(edited)).toMatchObject({ intact: false });
      }),
      { numRuns: 1500 },
    );
  });

  it('locate an edited event or checkpoint, and trust only the keys the auditor names', async () => {
    const { store, checkpointer, clock } = await ledger();
    await checkpointer.checkpointNow();
    const bundle = await exportBundle(store, 'thing-0', { keyring, clock });
    const copy = () => JSON.parse(JSON.stringify(bundle)) as ExportBundle;

    const event = copy();
    event.events[3].canonical = event.events[3].canonical.replace('"i":9', '"i":8');
    expect(verifyBundle(event)).toMatchObject({
      intact: false,
      failure: { stream: 'thing-0', revision: 3, reason: 'hash does not match the stored bytes' },
    });

    const moved = copy();
    moved.events[1].position = '5';
    expect(verifyBundle(moved)).toMatchObject({
      intact: false,
      failure: { reason: expect.stringMatching(/signature/) },
    });

    const proof = copy();
    proof.events[4].proof!.leafIndex = 1;
    expect(verifyBundle(proof)).toMatchObject({ intact: false, failure: { revision: 4 } });

    expect(verifyBundle(bundle, { trustedKeys: [keyring.published[0].keyId] })).toMatchObject({
      intact: true,
    });
    expect(verifyBundle(bundle, { trustedKeys: testKeyring().published })).toMatchObject({
      intact: false,
      failure: { stream: 'ledger-checkpoints', revision: 0, reason: expect.stringMatching(/untrusted/) },
    });
  });

  it('name events no checkpoint covered yet, unless the auditor accepts them', async () => {
    const { store, clock } = await ledger();
    const bundle = await exportBundle(store, 'thing-1', { keyring, clock });
    expect(bundle.events.at(-1)?.proof).toBeNull();
    expect(verifyBundle(bundle)).toMatchObject({
      intact: false,
      failure: { stream: 'thing-1', revision: 13, reason: 'no checkpoint in the bundle covers this event' },
    });
    expect(verifyBundle(bundle, { allowUnproven: true })).toMatchObject({ intact: true, unproven: 1 });
  });
});
