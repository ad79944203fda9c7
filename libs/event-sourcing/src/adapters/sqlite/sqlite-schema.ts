import Database from 'better-sqlite3';

/**
 * One file, WAL, synchronous=FULL: an acknowledged append survives power loss. The events table keeps the
 * exact canonical bytes that were hashed, so verification re-hashes bytes instead of re-serialising JSON.
 * Every index costs each append a B-tree insert, so there are few: a stream's head comes from the
 * (stream, revision) index, and a filter by event type scans (projections read everything anyway).
 */
export function openLedgerDatabase(file: string, options: { readonly?: boolean } = {}): Database.Database {
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  db.pragma('busy_timeout = 10000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    migrate(db);
  }
  return db;
}

function migrate(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position   INTEGER PRIMARY KEY,
      stream     TEXT NOT NULL,
      revision   INTEGER NOT NULL,
      category   TEXT NOT NULL,
      type       TEXT NOT NULL,
      canonical  TEXT NOT NULL,
      hash       TEXT NOT NULL,
      UNIQUE (stream, revision)
    );
    CREATE INDEX IF NOT EXISTS events_by_category ON events (category, position);
    CREATE TABLE IF NOT EXISTS secrets (
      id    TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS commands (
      command_id TEXT PRIMARY KEY,
      stream     TEXT NOT NULL,
      revision   INTEGER NOT NULL,
      position   INTEGER NOT NULL,
      receipt    TEXT
    ) WITHOUT ROWID;
  `);
}
