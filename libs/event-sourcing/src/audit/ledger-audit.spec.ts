import { InMemoryEventStore } from '../adapters/in-memory/in-memory-event-store';
import { appendThings, testClock, testKeyring } from '../testing/audit-fixture';
import { Checkpointer } from './checkpointer';
import { keptCheckpointsFrom } from './kept-checkpoints';
import { LedgerAudit } from './ledger-audit';
import { verifyInclusion } from './merkle';
import { verifyBundle } from './verify-bundle';

describe('LedgerAudit: one method per /audit route', () => {
  async function audit() {
    const clock = testClock();
    const store = new InMemoryEventStore(clock);
    const keyring = testKeyring();
    const checkpointer = new Checkpointer(store, keyring, { every: 5, clock });
    await appendThings(store, 12, 3);
    return { store, clock, keyring, audit: new LedgerAudit(store, { keyring, checkpointer, clock }) };
  }

  it('proves and exports the newest events too, by checkpointing first', async () => {
    const { audit: a, keyring } = await audit();
    const proof = await a.proof('thing-2', 3);
    expect(proof).toBeDefined();
    const { merkleRoot } = JSON.parse(proof!.checkpoint.canonical).data;
    expect(verifyInclusion(proof!.event.hash, proof!.proof, merkleRoot)).toBe(true);
    const bundle = await a.exportBundle('thing-0');
    expect(verifyBundle(JSON.stringify(bundle), { trustedKeys: a.publicKeys().keys })).toMatchObject({
      intact: true,
      unproven: 0,
    });
    expect(a.publicKeys()).toEqual({ keys: keyring.published });
  });

  it('verifies the ledger, one stream, and against checkpoints an auditor kept in a file', async () => {
    const { audit: a } = await audit();
    await a.exportBundle('thing-1');
    expect(await a.verify()).toEqual({ intact: true, events: 15, checkpoints: 3 });
    expect(await a.verify({ stream: 'thing-1' })).toEqual({ intact: true, events: 4, checkpoints: 3 });
    const file = JSON.stringify({ checkpoints: await a.checkpoints() });
    expect(await a.verifyAgainst(keptCheckpointsFrom(JSON.parse(file)))).toMatchObject({ intact: true });
    const bundleFile = JSON.stringify(await a.exportBundle('thing-1'));
    expect(keptCheckpointsFrom(JSON.parse(bundleFile))).toHaveLength(3);
    expect(() => keptCheckpointsFrom({ nothing: true })).toThrow(TypeError);
  });

  it('reads history as of a token the way ?asOf= gives it', async () => {
    const { audit: a } = await audit();
    const asOf = a.parseAsOf('7');
    expect(asOf).toEqual({ position: '7' });
    expect((await a.history('thing-0', { asOf })).map((e) => e.position)).toEqual(['1', '4', '7']);
    expect(a.parseAsOf('soon')).toBeUndefined();
  });
});
