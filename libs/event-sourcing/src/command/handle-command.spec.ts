import { InMemoryEventStore } from '../adapters/in-memory/in-memory-event-store';
import { type EventStore, type NewEvent, WrongExpectedRevisionError } from '../store/event-store';
import { spec, testContext } from '../testing/given-when-then';
import type { Decider } from './decider';
import { handleCommand } from './handle-command';

// A tally that refuses to go above a limit: just enough domain to exercise the shell.
type TallyEvent = { type: 'Counted'; data: { by: number } };
type TallyCommand = { add: number };
const tally: Decider<TallyCommand, TallyEvent, number> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.by,
  decide: ({ add }, total) => {
    if (total + add > 10) throw new Error('LIMIT');
    return add === 0 ? [] : [{ type: 'Counted', data: { by: add } }];
  },
};

describe('given/when/then', () => {
  it('states the decider in events', () => {
    spec(tally)
      .given([{ type: 'Counted', data: { by: 4 } }])
      .when({ add: 3 })
      .thenEmits([{ type: 'Counted', data: { by: 3 } }]);
    spec(tally)
      .given([{ type: 'Counted', data: { by: 9 } }])
      .when({ add: 3 })
      .thenThrows('LIMIT');
  });
});

describe('handleCommand', () => {
  let store: InMemoryEventStore;
  beforeEach(() => {
    store = new InMemoryEventStore();
  });
  const context = (commandId: string) => testContext({ commandId });

  it('reads, folds, decides and appends with the revision it read', async () => {
    await handleCommand(store, 'tally-1', tally, { add: 4 }, context('c1'));
    const result = await handleCommand(store, 'tally-1', tally, { add: 5 }, context('c2'));
    expect(result).toMatchObject({ revision: 1, state: 9, duplicate: false });
    await expect(handleCommand(store, 'tally-1', tally, { add: 5 }, context('c3'))).rejects.toThrow('LIMIT');
    expect(await store.readStream('tally-1')).toHaveLength(2);
  });

  it('presuming a new stream empty skips its read; a wrong guess is corrected by the retry', async () => {
    const reads = jest.spyOn(store, 'readStream');
    const fresh = await handleCommand(store, 'tally-1', tally, { add: 4 }, context('c1'), {
      presumeEmpty: true,
    });
    expect(fresh).toMatchObject({ revision: 0, state: 4 });
    expect(reads).not.toHaveBeenCalled();
    // The stream does exist: the first attempt decides on nothing, its append is refused, the retry reads.
    await expect(
      handleCommand(store, 'tally-1', tally, { add: 7 }, context('c2'), { presumeEmpty: true }),
    ).rejects.toThrow('LIMIT');
    const result = await handleCommand(store, 'tally-1', tally, { add: 2 }, context('c3'), {
      presumeEmpty: true,
    });
    expect(result).toMatchObject({ revision: 1, state: 6 });
    // With If-Match there is no retry to correct a guess, so it reads.
    await expect(
      handleCommand(store, 'tally-1', tally, { add: 1 }, context('c4'), {
        presumeEmpty: true,
        expectedRevision: 0,
      }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store.readStream('tally-1')).toHaveLength(2);
    // A decision with no events is not trusted on a guess either.
    const nothing = await handleCommand(store, 'tally-1', tally, { add: 0 }, context('c5'), {
      presumeEmpty: true,
    });
    expect(nothing).toMatchObject({ revision: 1, state: 6 });
    // Nor a refusal: this decider refuses an empty tally, which the guess is and the stream is not.
    const topUp: Decider<TallyCommand, TallyEvent, number> = {
      ...tally,
      decide: (c, total, ctx) => {
        if (total === 0) throw new Error('EMPTY');
        return tally.decide(c, total, ctx);
      },
    };
    const topped = await handleCommand(store, 'tally-1', topUp, { add: 1 }, context('c6'), {
      presumeEmpty: true,
    });
    expect(topped).toMatchObject({ revision: 2, state: 7 });
  });

  it('skips the replay lookup for a minted command id; the store still answers a seen id', async () => {
    const finds = jest.spyOn(store, 'findCommand');
    const first = await handleCommand(store, 'tally-1', tally, { add: 4 }, context('c1'), {
      mintedCommandId: true,
    });
    expect(finds).not.toHaveBeenCalled();
    const again = await handleCommand(store, 'tally-1', tally, { add: 4 }, context('c1'), {
      mintedCommandId: true,
    });
    expect(again).toMatchObject({ revision: first.revision, position: first.position, duplicate: true });
    expect(await store.readStream('tally-1')).toHaveLength(1);
  });

  it('answers a repeated command id with its first result and appends nothing', async () => {
    const first = await handleCommand(store, 'tally-1', tally, { add: 4 }, context('c1'));
    const again = await handleCommand(store, 'tally-1', tally, { add: 4 }, context('c1'));
    expect(again).toMatchObject({ revision: first.revision, position: first.position, duplicate: true });
    expect(await store.readStream('tally-1')).toHaveLength(1);
  });

  it('retries when another command wrote the stream in between', async () => {
    await handleCommand(store, 'tally-1', tally, { add: 1 }, context('c1'));
    let interfered = false;
    const racing: EventStore = Object.create(store);
    racing.append = async (stream: string, events: readonly NewEvent[], options) => {
      if (!interfered) {
        interfered = true;
        await handleCommand(store, 'tally-1', tally, { add: 2 }, context('other'));
      }
      return store.append(stream, events, options);
    };
    const result = await handleCommand(racing, 'tally-1', tally, { add: 3 }, context('c2'));
    expect(result).toMatchObject({ revision: 2, state: 6 });
  });

  it('does not retry against a revision the caller named (If-Match)', async () => {
    await handleCommand(store, 'tally-1', tally, { add: 1 }, context('c1'));
    await expect(
      handleCommand(store, 'tally-1', tally, { add: 1 }, context('c2'), { expectedRevision: 5 }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });

  it('appends nothing when the decision has no events', async () => {
    await handleCommand(store, 'tally-1', tally, { add: 1 }, context('c1'));
    const head = await store.headPosition();
    expect(await handleCommand(store, 'tally-1', tally, { add: 0 }, context('c2'))).toMatchObject({
      revision: 0,
    });
    expect(await store.headPosition()).toBe(head);
  });
});
