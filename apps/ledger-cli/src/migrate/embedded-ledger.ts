import { existsSync } from 'node:fs';
import type { Position, StoredRecord, VerificationResult } from '@ledger/event-sourcing';
import { openLedgerDatabase } from '@ledger/event-sourcing/adapters/sqlite/sqlite-schema';
import { verifySqliteFile } from '@ledger/event-sourcing/adapters/sqlite/sqlite-verify';
import type Database from 'better-sqlite3';

export interface CategoryCount {
  category: string;
  events: number;
  streams: number;
}

/** A command's first result as the embedded store kept it, with what an import needs besides. */
export interface EmbeddedCommand {
  commandId: string;
  stream: string;
  revision: number;
  position: number;
  receipt?: string;
  /** How many events the command wrote, and the id its last one was given. */
  count: number;
  lastEventId: string;
}

/**
 * The embedded ledger's SQLite file, opened read-only: nothing a migration (or its dry run) does can
 * change it. Positions are that file's integers; everything is read in global order, page by page.
 */
export class EmbeddedLedger {
  private readonly db: Database.Database;

  constructor(readonly file: string) {
    if (!existsSync(file)) throw new Error(`no embedded ledger at ${file} (set LEDGER_DATA_DIR)`);
    this.db = openLedgerDatabase(file, { readonly: true });
  }

  /** The newest position now: a migration copies up to here, so appends made meanwhile wait for a re-run. */
  head(): number {
    return (
      (this.db.prepare('SELECT max(position) AS head FROM events').get() as { head: number | null }).head ?? 0
    );
  }

  first(): number | undefined {
    const row = this.db.prepare('SELECT min(position) AS first FROM events').get() as {
      first: number | null;
    };
    return row.first ?? undefined;
  }

  categories(after: number, upTo: number): CategoryCount[] {
    return this.db
      .prepare(
        `SELECT category, count(*) AS events, count(DISTINCT stream) AS streams
         FROM events WHERE position > ? AND position <= ? GROUP BY category ORDER BY category`,
      )
      .all(after, upTo) as CategoryCount[];
  }

  /** Re-hashes every event up to `upTo` and checks every chain link (worker threads, read-only). */
  verify(upTo: number): Promise<VerificationResult> {
    return upTo === 0 ? Promise.resolve({ intact: true, events: 0 }) : verifySqliteFile(this.file, upTo);
  }

  records(after: number, upTo: number, limit: number): StoredRecord[] {
    const rows = this.db
      .prepare(
        `SELECT position, stream, revision, canonical, hash FROM events
         WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`,
      )
      .all(after, upTo, limit) as (Omit<StoredRecord, 'position'> & { position: number })[];
    return rows.map((row) => ({ ...row, position: String(row.position) as Position }));
  }

  commandCount(upTo: number): number {
    return (
      this.db.prepare('SELECT count(*) AS n FROM commands WHERE position <= ?').get(upTo) as { n: number }
    ).n;
  }

  /** Commands in the order their last events were written (a command's last position is its own). */
  commands(after: number, upTo: number, limit: number): EmbeddedCommand[] {
    const rows = this.db
      .prepare(
        `SELECT command_id AS commandId, stream, revision, position, receipt FROM commands
         WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`,
      )
      .all(after, upTo, limit) as (Omit<EmbeddedCommand, 'count' | 'lastEventId'> & {
      receipt: string | null;
    })[];
    return rows.map(({ receipt, ...row }) => ({
      ...row,
      ...(receipt === null ? {} : { receipt }),
      ...this.eventsOf(row.commandId, row.stream, row.revision),
    }));
  }

  /** The events a command wrote end at its revision; walks back while they carry its command id. */
  private eventsOf(commandId: string, stream: string, revision: number) {
    const page = this.db.prepare(
      'SELECT canonical FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT 64',
    );
    let lastEventId: string | undefined;
    let count = 0;
    const found = () => {
      if (!lastEventId)
        throw new Error(`command ${commandId}: ${stream}@${revision} is not one of its events`);
      return { count, lastEventId };
    };
    for (let from = revision; from >= 0; from -= 64) {
      for (const { canonical } of page.all(stream, from) as { canonical: string }[]) {
        const envelope = JSON.parse(canonical) as { eventId: string; metadata: { commandId: string } };
        if (envelope.metadata.commandId !== commandId) return found();
        lastEventId ??= envelope.eventId;
        count += 1;
      }
    }
    return found();
  }

  secretCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM secrets').get() as { n: number }).n;
  }

  secrets(after: string, limit: number): { id: string; value: string }[] {
    return this.db
      .prepare('SELECT id, value FROM secrets WHERE id > ? ORDER BY id LIMIT ?')
      .all(after, limit) as { id: string; value: string }[];
  }

  close(): void {
    this.db.close();
  }
}
