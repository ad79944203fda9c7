import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Position, SqliteEventStore } from '@ledger/event-sourcing';
import { appendOptionsFor } from '@ledger/event-sourcing/testing/append-options';
import { ViewsAsOf } from './views-as-of';

describe('ViewsAsOf: past views built on a real store, kept, and cleaned up', () => {
  let dir: string;
  let store: SqliteEventStore;
  let positions: Position[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'views-as-of-'));
    store = new SqliteEventStore(join(dir, 'events.db'));
    positions = [];
    for (let i = 0; i < 3; i++) {
      const event = { type: 'PartnerRegistered', data: { partnerId: `p-${i}` } };
      positions.push((await store.append(`partner-${i}`, [event], appendOptionsFor(-1))).position);
    }
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every build under the root, whichever process made it. */
  const buildsIn = (root: string) =>
    existsSync(root)
      ? readdirSync(root, { recursive: true }).filter((name) => /ledger-view-[^/]*$/.test(String(name)))
      : [];

  it('builds a cut once, keeps two, and removes every build when closed', async () => {
    const builds = join(dir, 'views-as-of');
    const built = jest.fn();
    const past = new ViewsAsOf(store, builds, built);
    const first = await past.at({ position: positions[0] }, Date.now());
    expect((await past.at({ position: positions[0] }, Date.now())).database).toBe(first.database);
    const second = await past.at({ position: positions[1] }, Date.now());
    expect(second.database).not.toBe(first.database);
    expect(buildsIn(builds)).toHaveLength(2);
    // A third cut pushes the oldest out of the cache (closed a little later, so its queries can finish).
    await past.at({ position: positions[2] }, Date.now());
    expect((await past.at({ position: positions[0] }, Date.now())).database).not.toBe(first.database);
    expect(built.mock.calls.map(([cut]) => cut)).toEqual([
      positions[0],
      positions[1],
      positions[2],
      positions[0],
    ]);
    await past.close();
    expect(buildsIn(builds)).toEqual([]);
  });

  it('takes "now" from the event at the cut, or from the time asked', async () => {
    const past = new ViewsAsOf(store, join(dir, 'views-as-of'));
    const atPosition = await past.at({ position: positions[1] }, Date.now());
    const [event] = await store.readStream('partner-1');
    expect(atPosition.now.toISOString()).toBe(event.metadata.recordedAt);
    const time = new Date(Date.now() - 1000);
    expect((await past.at({ time }, Date.now())).now).toEqual(time);
    await past.close();
  });

  it('refuses a position the store has not reached', async () => {
    const past = new ViewsAsOf(store, join(dir, 'views-as-of'));
    await expect(past.at({ position: '999' as Position }, Date.now())).rejects.toThrow(/has not reached/);
    await past.close();
  });

  it("removes what a process that died left, a day later, and never a live process's builds", async () => {
    const root = join(dir, 'views-as-of');
    const dead = new ViewsAsOf(store, root);
    await dead.at({ position: positions[0] }, Date.now());
    const [deadDir] = readdirSync(root);
    const live = new ViewsAsOf(store, root);
    await live.at({ position: positions[1] }, Date.now());
    expect(buildsIn(root)).toHaveLength(2);
    // The dead process's directory was last touched two days ago; the live one's just now.
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000);
    utimesSync(join(root, deadDir), twoDaysAgo, twoDaysAgo);
    const next = new ViewsAsOf(store, root);
    expect(buildsIn(root)).toHaveLength(1);
    await Promise.all([dead, live, next].map((views) => views.close()));
    expect(buildsIn(root)).toEqual([]);
  });
});
