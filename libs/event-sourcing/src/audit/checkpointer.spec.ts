import { InMemoryEventStore } from '../adapters/in-memory/in-memory-event-store';
import { appendThings, testClock, testKeyring } from '../testing/audit-fixture';
import { CHECKPOINT_STREAM, type Checkpoint, readCheckpoint, signedMessage } from './checkpoint';
import { Checkpointer } from './checkpointer';
import { KeySet } from './keys';
import { merkleRoot } from './merkle';

async function storedCheckpoints(store: InMemoryEventStore): Promise<Checkpoint[]> {
  return (await store.readStreamRecords(CHECKPOINT_STREAM)).map(
    (record) => readCheckpoint(record) as Checkpoint,
  );
}

describe('Checkpointer', () => {
  const keyring = testKeyring();

  it('signs every uncovered event in ranges of at most N, never its own checkpoints', async () => {
    const store = new InMemoryEventStore();
    const checkpointer = new Checkpointer(store, keyring, { every: 10 });
    await appendThings(store, 25);
    const made = await checkpointer.checkpointNow();
    expect(made.map((c) => [c.data.fromPosition, c.data.toPosition, c.data.eventCount])).toEqual([
      ['1', '10', 10],
      ['11', '20', 10],
      ['21', '25', 5],
    ]);
    expect(await checkpointer.checkpointNow()).toEqual([]);

    await appendThings(store, 3, 4, 25);
    const [next] = await checkpointer.checkpointNow();
    // Positions 26–28 are the three checkpoints; the range skips them.
    expect(next.data).toMatchObject({ fromPosition: '29', toPosition: '31', eventCount: 3 });

    const records = await store.readRecords();
    const covered = records
      .filter((r) => r.stream !== CHECKPOINT_STREAM)
      .slice(25)
      .map((r) => r.hash);
    expect(next.data.merkleRoot).toBe(merkleRoot(covered));
  });

  it('chains checkpoints and signs their fields with the published key', async () => {
    const store = new InMemoryEventStore();
    const checkpointer = new Checkpointer(store, keyring, { every: 5 });
    await appendThings(store, 12);
    await checkpointer.checkpointNow();
    const checkpoints = await storedCheckpoints(store);
    const keys = new KeySet(keyring.published);
    checkpoints.forEach(({ record, data }, i) => {
      expect(data.previousCheckpointHash).toBe(i === 0 ? null : checkpoints[i - 1].record.hash);
      expect(data.keyId).toBe(keyring.published[0].keyId);
      expect(keys.verify(data.keyId, signedMessage(data), data.signature)).toBe(true);
      expect(record.revision).toBe(i);
    });
    expect(await store.verify()).toMatchObject({ intact: true });
  });

  it('continues where the last checkpoint ended after a restart', async () => {
    const store = new InMemoryEventStore();
    await appendThings(store, 4);
    await new Checkpointer(store, keyring).checkpointNow();
    await appendThings(store, 2, 4, 4);
    const [next] = await new Checkpointer(store, keyring).checkpointNow();
    expect(next.data).toMatchObject({ fromPosition: '6', toPosition: '7', eventCount: 2 });
  });

  it('two checkpointers racing leave contiguous ranges without overlap', async () => {
    const store = new InMemoryEventStore();
    const a = new Checkpointer(store, keyring, { every: 3 });
    // Different sizes sign different ranges, so the loser's append conflicts (the same range would be
    // deduplicated by its command id instead).
    const b = new Checkpointer(store, keyring, { every: 4 });
    const append = store.append.bind(store);
    let conflicts = 0;
    jest.spyOn(store, 'append').mockImplementation((...args) =>
      append(...args).catch((error) => {
        conflicts += 1;
        throw error;
      }),
    );
    for (let round = 0; round < 5; round++) {
      await appendThings(store, 7, 3, round * 7);
      await Promise.all([a.checkpointNow(), b.checkpointNow()]);
    }
    expect(conflicts).toBeGreaterThan(0);
    const checkpoints = await storedCheckpoints(store);
    const covered = checkpoints.reduce((sum, c) => sum + c.data.eventCount, 0);
    expect(covered).toBe(35);
    for (let i = 1; i < checkpoints.length; i++) {
      expect(Number(checkpoints[i].data.fromPosition)).toBeGreaterThan(
        Number(checkpoints[i - 1].data.toPosition),
      );
      expect(checkpoints[i].data.previousCheckpointHash).toBe(checkpoints[i - 1].record.hash);
    }
  });

  it('in the background, signs every N events, and after T seconds whatever is left', async () => {
    jest.useFakeTimers();
    try {
      const clock = testClock();
      const store = new InMemoryEventStore(clock);
      const checkpointer = new Checkpointer(store, keyring, { every: 10, seconds: 60, pollMs: 100, clock });
      checkpointer.start();
      await jest.advanceTimersByTimeAsync(100);
      await appendThings(store, 25);
      await jest.advanceTimersByTimeAsync(300);
      // Two full checkpoints; the other 5 events are younger than T.
      expect((await storedCheckpoints(store)).map((c) => c.data.eventCount)).toEqual([10, 10]);
      clock.advance(61);
      await jest.advanceTimersByTimeAsync(100);
      expect((await storedCheckpoints(store)).map((c) => c.data.eventCount)).toEqual([10, 10, 5]);
      await appendThings(store, 2, 4, 25);
      await checkpointer.stop();
      expect((await storedCheckpoints(store)).map((c) => c.data.eventCount)).toEqual([10, 10, 5, 2]);
    } finally {
      jest.useRealTimers();
    }
  });
});
