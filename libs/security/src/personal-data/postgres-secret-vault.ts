import { Pool } from 'pg';
import type { SecretVault } from './personal-data-protector';

/** A secret written with a value other than the one already kept (two replicas raced to make a key). */
export class SecretConflictError extends Error {
  constructor(readonly id: string) {
    super(`secret ${id} is already kept with another value`);
    this.name = 'SecretConflictError';
  }
}

/** A secret written after it was destroyed: destroyed is for good. */
export class SecretDestroyedError extends Error {
  constructor(readonly id: string) {
    super(`secret ${id} was destroyed`);
    this.name = 'SecretDestroyedError';
  }
}

const LOCK_ID = 7_340_212;

/**
 * The customers' data keys when the events live in EventStoreDB (the scaled mode has no SQLite store to
 * keep them beside): a table in a schema of its own, `ledger_vault`, so that the database roles of the
 * read models (analysts' above all) are simply never granted it.
 *
 * A destroyed key leaves a tombstone (no value, `destroyed_at`) rather than no row, so nothing can bring
 * it back: not a replay of the registration, not a re-run of the migration from the embedded file. The
 * first value written wins; writing a different one fails (a registration retried on another replica
 * must use the key that was kept, so it fails and its retry reads that key).
 *
 * PostgreSQL keeps a dead row version until VACUUM, and its WAL and base backups keep what they kept:
 * after a destroy the table is vacuumed at once, but key bytes can survive in WAL segments and backups
 * until those are recycled. Keep both encrypted and their retention bounded (README, "Scaling out").
 */
export class PostgresSecretVault implements SecretVault {
  private readonly pool: Pool;
  private ready: Promise<void> | undefined;

  constructor(url: string, options: { poolSize?: number } = {}) {
    this.pool = new Pool({ connectionString: url, max: options.poolSize ?? 4 });
    // An idle client that loses its server (restart, failover) must not take the process down.
    this.pool.on('error', () => undefined);
  }

  async writeSecret(id: string, value: string | null): Promise<void> {
    await this.schema();
    if (value === null) {
      await this.pool.query(
        `INSERT INTO ledger_vault.secrets (id, value, destroyed_at) VALUES ($1, NULL, now())
         ON CONFLICT (id) DO UPDATE SET value = NULL, destroyed_at = coalesce(secrets.destroyed_at, now())`,
        [id],
      );
      // Prunes the dead row version that still held the key; best effort (see the class comment).
      await this.pool.query('VACUUM ledger_vault.secrets').catch(() => undefined);
      return;
    }
    const outcome = await this.importSecret(id, value);
    if (outcome === 'destroyed') throw new SecretDestroyedError(id);
    if (outcome === 'different') throw new SecretConflictError(id);
  }

  async readSecret(id: string): Promise<string | undefined> {
    await this.schema();
    const { rows } = await this.pool.query<{ value: string | null }>(
      'SELECT value FROM ledger_vault.secrets WHERE id = $1',
      [id],
    );
    return rows[0]?.value ?? undefined;
  }

  /**
   * Writes a secret unless one is kept already, and says what it found: `written`, `present` (the same
   * value), `different`, or `destroyed`. Migrations use it to copy keys idempotently.
   */
  async importSecret(id: string, value: string): Promise<'written' | 'present' | 'different' | 'destroyed'> {
    await this.schema();
    const inserted = await this.pool.query(
      'INSERT INTO ledger_vault.secrets (id, value) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING',
      [id, value],
    );
    if (inserted.rowCount === 1) return 'written';
    const { rows } = await this.pool.query<{ value: string | null }>(
      'SELECT value FROM ledger_vault.secrets WHERE id = $1',
      [id],
    );
    const kept = rows[0]?.value;
    return kept === null ? 'destroyed' : kept === value ? 'present' : 'different';
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Creates the schema once per process; the advisory lock keeps replicas starting together apart. */
  private schema(): Promise<void> {
    this.ready ??= (async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_ID]);
        await client.query('CREATE SCHEMA IF NOT EXISTS ledger_vault');
        await client.query(
          `CREATE TABLE IF NOT EXISTS ledger_vault.secrets (
             id           text PRIMARY KEY,
             value        text,
             destroyed_at timestamptz,
             CHECK ((value IS NULL) = (destroyed_at IS NOT NULL))
           )`,
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    })();
    this.ready.catch(() => {
      this.ready = undefined;
    });
    return this.ready;
  }
}
