import { sql } from 'kysely';
import type { RecordedEvent } from '../envelope/envelope';
import { defineProjection, type ProjectionContext } from '../projections/projection';
import { upsertRows } from '../projections/rows';
import { streamCategory } from '../store/event-store';

export type SampleTables = {
  sample_streams: {
    stream: string;
    category: string;
    events: number;
    last_type: string;
    last_revision: number;
    last_position: string;
    last_recorded_at: string;
  };
  sample_categories: { category: string; events: number; streams: number };
};

export type StreamRow = SampleTables['sample_streams'];
export type CategoryRow = SampleTables['sample_categories'];

export interface SampleOptions {
  name?: string;
  version?: number;
  handles?: readonly string[];
  /** Runs between the two tables' writes, inside the batch's transaction (tests: fail, block, crash). */
  midBatch?: (events: readonly RecordedEvent[], context: ProjectionContext) => Promise<void>;
}

/** What the sample projection's rows are after `events`, computed in memory: the tests' model. */
export function sampleRows(events: readonly RecordedEvent[], handles: ReadonlySet<string>) {
  const streams = new Map<string, StreamRow>();
  const categories = new Map<string, CategoryRow>();
  for (const event of events) {
    if (!handles.has(event.type)) continue;
    const category = streamCategory(event.stream);
    const previous = streams.get(event.stream);
    streams.set(event.stream, {
      stream: event.stream,
      category,
      events: (previous?.events ?? 0) + 1,
      last_type: event.type,
      last_revision: event.revision,
      last_position: event.position,
      last_recorded_at: event.metadata.recordedAt,
    });
    const counts = categories.get(category) ?? { category, events: 0, streams: 0 };
    counts.events++;
    if (event.revision === 0) counts.streams++;
    categories.set(category, counts);
  }
  return { streams, categories };
}

/**
 * A projection shaped like the domain's: one row per stream, upserted per event (a list view), and a
 * counter per stream category (events, and streams begun: handled events at revision 0). A batch folds
 * into one row per key first (PostgreSQL refuses an upsert that touches a row twice), then goes out as
 * multi-row upserts that add to what the row held.
 */
export function sampleProjection(options: SampleOptions = {}) {
  const handles = new Set(options.handles ?? ['Thing', 'ReferralMade']);
  return defineProjection<SampleTables>({
    name: options.name ?? 'sample',
    version: options.version ?? 1,
    handles: [...handles],
    tables: {
      // Keyed by text: in SQLite a WITHOUT ROWID table is that key's B-tree, not a rowid table plus an index.
      sample_streams: (t, dialect) =>
        (dialect === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t)
          .addColumn('stream', 'text', (c) => c.primaryKey())
          .addColumn('category', 'text', (c) => c.notNull())
          .addColumn('events', 'integer', (c) => c.notNull())
          .addColumn('last_type', 'text', (c) => c.notNull())
          .addColumn('last_revision', 'integer', (c) => c.notNull())
          .addColumn('last_position', 'text', (c) => c.notNull())
          .addColumn('last_recorded_at', 'text', (c) => c.notNull()),
      sample_categories: (t) =>
        t
          .addColumn('category', 'text', (c) => c.primaryKey())
          .addColumn('events', 'integer', (c) => c.notNull())
          .addColumn('streams', 'integer', (c) => c.notNull()),
    },
    indexes: [{ table: 'sample_streams', columns: ['category', 'stream'] }],
    async apply(events, trx, context) {
      const { streams, categories } = sampleRows(events, handles);
      await upsertRows(trx, context, 'sample_streams', [...streams.values()], {
        key: ['stream'],
        add: ['events'],
      });
      await options.midBatch?.(events, context);
      // A handful of rows: Kysely's builder, by logical table name, is plenty here.
      await trx
        .insertInto('sample_categories')
        .values([...categories.values()])
        .onConflict((oc) =>
          oc.column('category').doUpdateSet((eb) => ({
            events: eb('sample_categories.events', '+', eb.ref('excluded.events')),
            streams: eb('sample_categories.streams', '+', eb.ref('excluded.streams')),
          })),
        )
        .execute();
    },
  });
}
