/**
 * Cuts rows for multi-row INSERTs (one statement per chunk is far faster than one per row) so that each
 * statement stays under both databases' limits on bound parameters (SQLite 32,766; PostgreSQL 65,535).
 */
export function inChunks<T extends object>(
  rows: readonly T[],
  maxRows = 1000,
  maxParameters = 30_000,
): T[][] {
  if (rows.length === 0) return [];
  const columns = Math.max(1, Object.keys(rows[0]).length);
  const size = Math.max(1, Math.min(maxRows, Math.floor(maxParameters / columns)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
