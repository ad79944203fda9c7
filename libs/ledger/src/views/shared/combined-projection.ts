import { defineProjection, type ProjectionDefinition, type ProjectionTables } from '@ledger/event-sourcing';

/**
 * Several views as one projection: one pass over the store feeds them all. The runner reads and parses
 * every event of the store once per projection (about 10 s per million events here), so three separate
 * projections cost three such passes; together they cost one, and still commit with one checkpoint.
 * Each part keeps its own tables, handles and `apply`; its version counts in the sum, so bumping any
 * part's version rebuilds the whole.
 */
export function combinedProjection(
  name: string,
  // biome-ignore lint/suspicious/noExplicitAny: each part brings its own table types
  parts: readonly ProjectionDefinition<any>[],
): ProjectionDefinition<ProjectionTables> {
  const handles = parts.map((part) => new Set(part.handles));
  return defineProjection<ProjectionTables>({
    name,
    version: parts.reduce((sum, part) => sum + part.version, 0),
    tables: Object.assign({}, ...parts.map((part) => part.tables)),
    indexes: parts.flatMap((part) => part.indexes ?? []),
    handles: [...new Set(parts.flatMap((part) => part.handles))],
    async apply(events, trx, context) {
      for (const [i, part] of parts.entries()) {
        const mine = events.filter((event) => handles[i].has(event.type));
        if (mine.length > 0) await part.apply(mine, trx, context);
      }
    },
  });
}
