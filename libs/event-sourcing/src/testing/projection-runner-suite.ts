import fc from 'fast-check';
import { InvalidCursorError, pageOf } from '../projections/pagination';
import type { ReadDatabaseTarget } from '../projections/read-database';
import type { Position } from '../store/event-store';
import { projectionCrashTests } from './projection-crash-tests';
import {
  eventually,
  expectedRows,
  generationsOf,
  ProjectionWorld,
  queryIndexesOf,
  rowsOf,
  tableExists,
} from './projection-suite';
import { type SampleTables, sampleProjection } from './sample-projection';

const HANDLED = ['Thing', 'ReferralMade'];

/** The one projection suite, run against each read database (SQLite file, PostgreSQL database). */
export function projectionRunnerSuite(
  name: string,
  freshTarget: (dir: string) => Promise<ReadDatabaseTarget>,
): void {
  describe(`projection runner on ${name}`, () => {
    let world: ProjectionWorld;
    beforeEach(() => {
      world = new ProjectionWorld(freshTarget);
    });
    afterEach(() => world.close());

    it('projects the handled events into rows and moves the checkpoint past the others', async () => {
      await world.append('thing-a', ['Thing', 'Thing', 'Other']);
      await world.append('case-b', ['Other', 'ReferralMade']);
      const head = await world.append('thing-c', ['Thing']);
      const database = await world.database();
      const runner = world.runner(database, [sampleProjection()]);
      await runner.start();

      expect(await runner.waitFor(head, 5000)).toBe(true);
      expect(await rowsOf(database)).toEqual(expectedRows(await world.events(), HANDLED));
      expect((await rowsOf(database)).categories).toEqual([
        { category: 'case', events: 1, streams: 0 },
        { category: 'thing', events: 3, streams: 2 },
      ]);
      const [status] = await runner.status();
      expect(status).toMatchObject({
        name: 'sample',
        generation: 1,
        position: head,
        eventsBehind: 0,
        state: 'live',
      });
      expect((await generationsOf(database))[0]).toMatchObject({ position: head, eventsRead: 6 });
    });

    it('commits rows and checkpoint together: a batch that fails halfway is applied exactly once on retry', async () => {
      for (let i = 0; i < 23; i++) await world.append(`thing-${i % 4}`, ['Thing']);
      const head = (await world.store.headPosition())!;
      const database = await world.database();
      let calls = 0;
      const errors: unknown[] = [];
      // Batches of 5 applied 2 at a time: the 2nd and 4th calls fail after an earlier chunk of their
      // transaction was applied, whose rows and checkpoint must go too.
      const projection = sampleProjection({
        midBatch: async () => {
          if ([2, 4].includes(++calls)) throw new Error('disk full, say');
        },
      });
      const runner = world.runner(database, [projection], {
        batchSize: 5,
        chunkSize: 2,
        onError: (_n, e) => errors.push(e),
      });
      await runner.start();

      expect(await runner.waitFor(head, 10_000)).toBe(true);
      expect(errors).toHaveLength(2);
      expect(await rowsOf(database)).toEqual(expectedRows(await world.events(), HANDLED));
    });

    it('a rebuild from zero gives exactly the rows the live projection holds after a random workload', async () => {
      const step = fc.record({
        stream: fc.integer({ min: 0, max: 9 }),
        category: fc.constantFrom('thing', 'case', 'plan'),
        types: fc.array(fc.constantFrom('Thing', 'ReferralMade', 'Other'), { minLength: 1, maxLength: 4 }),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(step, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
          fc.integer({ min: 1, max: 9 }),
          fc.integer({ min: 1, max: 9 }),
          async (rounds, batchSize, chunkSize) => {
            const database = await world.database();
            const runner = world.runner(database, [sampleProjection()], { batchSize, chunkSize });
            await runner.start();
            let head: Position | undefined;
            for (const round of rounds) {
              // Concurrent appends, so the live runner meets them in batches cut anywhere.
              const positions = await Promise.all(
                round.map((s) => world.append(`${s.category}-${s.stream}`, s.types)),
              );
              head = positions.reduce((a, b) => (world.store.comparePositions(a, b) >= 0 ? a : b));
            }
            expect(await runner.waitFor(head!, 10_000)).toBe(true);
            const live = await rowsOf(database);
            expect(live).toEqual(expectedRows(await world.events(head), HANDLED));

            const before = (await runner.status())[0].generation;
            await runner.rebuild('sample');
            const [status] = await runner.status();
            expect(status).toMatchObject({ generation: before + 1, state: 'live' });
            expect(await rowsOf(database)).toEqual(live);
            expect(await tableExists(database, `sample_streams_g${before}`)).toBe(false);
            await runner.stop();
          },
        ),
        { numRuns: 4 },
      );
    });

    it('rebuilds at start-up when the version changed, into new tables, and drops the old ones', async () => {
      await world.append('thing-a', ['Thing', 'Other']);
      const head = await world.append('case-b', ['Other']);
      const database = await world.database();
      const first = world.runner(database, [sampleProjection({ handles: ['Thing'] })]);
      await first.start();
      expect(await first.waitFor(head, 5000)).toBe(true);
      await first.stop();

      const second = world.runner(database, [sampleProjection({ handles: ['Thing', 'Other'], version: 2 })]);
      await second.start();
      // Until the new generation is live, queries (and waitFor) see the old one, which is at the head.
      expect((await second.status())[0]).toMatchObject({ version: 1, generation: 1, state: 'rebuilding' });
      await second.rebuild('sample'); // joins the rebuild in progress
      expect((await second.status())[0]).toMatchObject({ version: 2, generation: 2, state: 'live' });
      expect(await rowsOf(database)).toEqual(expectedRows(await world.events(), ['Thing', 'Other']));
      expect(await tableExists(database, 'sample_streams_g1')).toBe(false);
      expect(await generationsOf(database)).toHaveLength(1);
    });

    it('keeps answering queries and following appends from the old tables while a rebuild runs', async () => {
      for (let i = 0; i < 40; i++) await world.append(`thing-${i % 7}`, ['Thing', 'ReferralMade']);
      const database = await world.database();
      const slowRebuild = sampleProjection({
        midBatch: async (_events, context) => {
          if (context.generation > 1) await new Promise((resolve) => setTimeout(resolve, 15));
        },
      });
      const runner = world.runner(database, [slowRebuild], { batchSize: 4 });
      await runner.start();
      expect(await runner.waitFor((await world.store.headPosition())!, 5000)).toBe(true);

      const rebuilt = runner.rebuild('sample');
      await eventually(async () => ((await runner.status())[0].rebuild?.eventsBehind ?? 0) > 0);
      const during = await world.append('case-new', ['ReferralMade']);
      expect(await runner.waitFor(during, 5000)).toBe(true);
      const status = (await runner.status())[0];
      expect(status).toMatchObject({ state: 'rebuilding', generation: 1 });
      expect(await rowsOf(database)).toEqual(expectedRows(await world.events(), HANDLED));

      await rebuilt;
      expect((await runner.status())[0]).toMatchObject({ state: 'live', generation: 2 });
      expect(await rowsOf(database)).toEqual(expectedRows(await world.events(), HANDLED));
    });

    it("adds a new generation's query indexes with the batch that reaches the head, not before", async () => {
      // 13 events in batches of 4: the 4th, of one event, is cut because the store has no more.
      for (let i = 0; i < 13; i++) await world.append(`thing-${i}`, ['Thing']);
      const database = await world.database();
      const during: string[][] = [];
      const projection = sampleProjection({
        midBatch: async (_events, context) => {
          during.push(await queryIndexesOf(database, context.tables.sample_streams));
        },
      });
      const runner = world.runner(database, [projection], { batchSize: 4 });
      await runner.start();
      expect(await runner.waitFor((await world.store.headPosition())!, 5000)).toBe(true);

      expect(during).toEqual([[], [], [], []]);
      expect(await queryIndexesOf(database, 'sample_streams_g1')).toEqual(['sample_streams_g1_ix0']);
      await runner.rebuild('sample');
      expect(await queryIndexesOf(database, 'sample_streams_g2')).toEqual(['sample_streams_g2_ix0']);
    });

    it('waitFor: at once when reached, after the append when not yet, false on timeout', async () => {
      const first = await world.append('thing-a', ['Thing']);
      const database = await world.database();
      const runner = world.runner(database, [sampleProjection()]);
      const beforeStart = runner.waitFor(first, 5000);
      await runner.start();
      expect(await beforeStart).toBe(true);
      expect(await runner.waitFor(first, 5000)).toBe(true);

      const next = world.store.parsePosition(String(Number(first) + 1))!;
      const waiting = runner.waitFor(next, 5000, ['sample']);
      await world.append('thing-b', ['Other']);
      expect(await waiting).toBe(true);

      const never = world.store.parsePosition(String(Number(first) + 100))!;
      expect(await runner.waitFor(never, 50)).toBe(false);
      expect(() => runner.waitFor(first, 50, ['nope'])).toThrow(/not running here/);
    });

    it('reports its lag in events and seconds, and none once caught up', async () => {
      const t0 = Date.parse('2026-03-02T15:00:00Z');
      await world.close();
      world = new ProjectionWorld(freshTarget, () => new Date(t0));
      await world.append('thing-a', ['Thing']);
      const database = await world.database();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const projection = sampleProjection({ midBatch: () => gate });
      const runner = world.runner(database, [projection], { clock: () => new Date(t0 + 90_000) });
      await runner.start();
      for (let i = 0; i < 9; i++) await world.append(`thing-${i}`, ['Thing']);

      expect((await runner.status())[0]).toMatchObject({ eventsBehind: 10, secondsBehind: 90 });
      release();
      expect(await runner.waitFor((await world.store.headPosition())!, 5000)).toBe(true);
      expect((await runner.status())[0]).toMatchObject({ eventsBehind: 0, secondsBehind: 0 });
    });

    it('pages a list with keyset cursors: every row once, in order, whatever the directions', async () => {
      for (let i = 0; i < 30; i++) await world.append(`${['thing', 'case'][i % 2]}-${i % 11}`, ['Thing']);
      const database = await world.database();
      const runner = world.runner(database, [sampleProjection()]);
      await runner.start();
      expect(await runner.waitFor((await world.store.headPosition())!, 5000)).toBe(true);

      const db = database.tables<SampleTables>();
      const list = () => db.selectFrom('sample_streams').select(['stream', 'category', 'events']);
      const keys = [
        { field: 'category', direction: 'asc' },
        { field: 'events', direction: 'desc' },
        { field: 'stream', direction: 'asc' },
      ] as const;
      const everything = await list()
        .orderBy('category')
        .orderBy('events', 'desc')
        .orderBy('stream')
        .execute();
      const paged = [];
      let cursor: string | undefined;
      do {
        const page = await pageOf(list(), keys, { limit: 4, cursor });
        expect(page.items.length).toBeLessThanOrEqual(4);
        paged.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(everything);
      expect(everything).toHaveLength(22);
      expect((await pageOf(list(), keys)).items).toHaveLength(22);
      await expect(pageOf(list(), keys, { cursor: 'bm90IG91cnM' })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
    });

    projectionCrashTests(() => world);
  });
}
