import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AsOf,
  cutOf,
  type EventStore,
  type Position,
  type ReadDatabase,
  StoreAsOf,
} from '@ledger/event-sourcing';
import { type BuiltViews, buildViewsAsOf } from '@ledger/ledger';

/** Builds kept at once, and for how long: an analyst paging a list or changing a report's filters pays once. */
const KEPT = 2;
const KEPT_MS = 10 * 60_000;
/** A build leaves the cache at once, but is closed only this much later: queries running on it finish. */
const CLOSE_AFTER_MS = 30_000;
const TIMES_KEPT = 1000;
/** A time this far back has all its events committed (a batch is stamped when it leaves for the writer). */
const SETTLED_MS = 60_000;
/** A process's directory untouched this long is one that died: its builds would have gone long before. */
const ABANDONED_MS = 24 * 3600_000;

interface Kept {
  built: Promise<BuiltViews>;
  at: number;
}

/**
 * The views as they stood at a past cut, for `?asOf=` on the view routes: built on first ask by the
 * ordinary runner over the store cut there, into a SQLite file of their own (`buildViewsAsOf`). The past does
 * not change, so a build is never stale; builds run one at a time, since each reads the history up to its
 * cut. A time a minute or more back is resolved to its cut once: every later event is recorded after it.
 */
export class ViewsAsOf {
  private readonly kept = new Map<string, Kept>();
  private readonly cutsOfTimes = new Map<string, Position | undefined>();
  /** Builds out of the cache, waiting to be closed. */
  private readonly dropped = new Set<Promise<BuiltViews>>();
  private building: Promise<unknown> = Promise.resolve();

  /** This process's builds: a directory of its own under `root`, which API replicas may share. */
  private readonly dir: string;

  constructor(
    private readonly store: EventStore,
    root: string,
    /** Told of each build, for the operator: a build competes with the live requests for this process. */
    private readonly onBuilt: (cut: Position | undefined, milliseconds: number) => void = () => {},
    now = Date.now(),
  ) {
    this.dir = join(root, randomUUID());
    removeAbandoned(root, now);
  }

  async at(asOf: AsOf, now: number): Promise<{ database: ReadDatabase; now: Date }> {
    const cut = await this.cutOf(asOf, now);
    const key = cut ?? 'none';
    this.expire(now);
    let entry = this.kept.get(key);
    if (!entry) {
      const built = this.building.then(async () => {
        const started = performance.now();
        const views = await buildViewsAsOf(new StoreAsOf(this.store, cut), this.dir);
        this.onBuilt(cut, Math.round(performance.now() - started));
        return views;
      });
      this.building = built.catch(() => undefined);
      entry = { built, at: now };
      this.kept.set(key, entry);
      const mine = entry;
      built.catch(() => {
        if (this.kept.get(key) === mine) this.kept.delete(key);
      });
      while (this.kept.size > KEPT) this.drop(this.kept.keys().next().value as string);
    }
    const views = await entry.built;
    return {
      database: views.database,
      // Ages and deadlines as they were then: at the time asked, or when the event at the position was recorded.
      now: 'time' in asOf ? asOf.time : (views.recordedAt ?? new Date(now)),
    };
  }

  async close(): Promise<void> {
    const builds = [...[...this.kept.values()].map(({ built }) => built), ...this.dropped];
    this.kept.clear();
    this.dropped.clear();
    await Promise.all(builds.map(async (built) => (await built.catch(() => undefined))?.close()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async cutOf(asOf: AsOf, now: number): Promise<Position | undefined> {
    if ('position' in asOf || now - asOf.time.getTime() < SETTLED_MS) return cutOf(this.store, asOf);
    const key = asOf.time.toISOString();
    if (this.cutsOfTimes.has(key)) return this.cutsOfTimes.get(key);
    const cut = await cutOf(this.store, asOf);
    if (this.cutsOfTimes.size >= TIMES_KEPT) this.cutsOfTimes.delete(this.cutsOfTimes.keys().next().value!);
    this.cutsOfTimes.set(key, cut);
    return cut;
  }

  private expire(now: number): void {
    for (const [key, { at }] of this.kept) if (now - at > KEPT_MS) this.drop(key);
  }

  private drop(key: string): void {
    const built = this.kept.get(key)?.built;
    this.kept.delete(key);
    if (!built) return;
    this.dropped.add(built);
    const close = async () => {
      if (this.dropped.delete(built)) await (await built.catch(() => undefined))?.close();
    };
    setTimeout(() => void close(), CLOSE_AFTER_MS).unref();
  }
}

function removeAbandoned(root: string, now: number): void {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return; // nothing built here yet
  }
  for (const name of names) {
    const path = join(root, name);
    if (now - statSync(path).mtimeMs > ABANDONED_MS) rmSync(path, { recursive: true, force: true });
  }
}
