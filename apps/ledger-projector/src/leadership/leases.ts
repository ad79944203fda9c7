import type { Pool } from 'pg';

/** A projection's lease as its holder sees it; `epoch` grows by one with every change of holder. */
export interface Lease {
  projection: string;
  holder: string;
  epoch: number;
}

export interface LeaseState extends Lease {
  /** Milliseconds until it expires, by the server's clock (negative: expired). */
  remainingMs: number;
}

const LOCK_ID = 7_340_213;

/**
 * Leases on projections in the read database (PostgreSQL), one row per projection: who holds it, since
 * which change of holder (the epoch), until when. Every decision compares `expires_at` with the
 * server's `now()` inside one statement, so the holders' clocks never matter and two processes can
 * never both acquire: the row lock serialises them and the loser's update finds the lease taken.
 *
 * Why a lease rather than a session advisory lock: an advisory lock is freed at once when its holder's
 * connection dies (a SIGKILLed process's socket is closed by the kernel, so a standby would take over
 * within one poll), but a holder that hangs (stopped, stuck, cut off from its connections while its
 * socket stays open) keeps the lock for as long as that connection lives, and nothing in the lock
 * tells its batches, which commit on other pooled connections, that they should stop. A lease
 * expires whatever the holder is doing, and the holder, which cannot renew, stops itself before the
 * expiry by its own clock (leadership.ts). The price: after a SIGKILL the standby waits out the rest
 * of the lease. Rows stay exact even in the instant two processes believe they lead, because each
 * batch moves its checkpoint with a compare-and-set in its own transaction (generations.ts).
 */
export class ProjectionLeases {
  constructor(private readonly pool: Pool) {}

  async ensureTable(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_ID]);
      await client.query(`
        CREATE TABLE IF NOT EXISTS projection_leases (
          projection  text PRIMARY KEY,
          holder      text NOT NULL,
          epoch       bigint NOT NULL,
          acquired_at timestamptz NOT NULL,
          expires_at  timestamptz NOT NULL
        )`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Takes the lease when nobody holds it or it has expired; undefined when someone else holds it. */
  async tryAcquire(projection: string, holder: string, leaseMs: number): Promise<Lease | undefined> {
    const { rows } = await this.pool.query<{ epoch: string }>(
      `INSERT INTO projection_leases AS l (projection, holder, epoch, acquired_at, expires_at)
       VALUES ($1, $2, 1, now(), now() + $3 * interval '1 millisecond')
       ON CONFLICT (projection) DO UPDATE
         SET holder = excluded.holder, epoch = l.epoch + 1, acquired_at = now(), expires_at = excluded.expires_at
         WHERE l.expires_at <= now()
       RETURNING epoch`,
      [projection, holder, leaseMs],
    );
    return rows[0] && { projection, holder, epoch: Number(rows[0].epoch) };
  }

  /** Extends the lease; false when it is no longer this holder's (taken over after it expired). */
  async renew(lease: Lease, leaseMs: number): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE projection_leases SET expires_at = now() + $4 * interval '1 millisecond'
       WHERE projection = $1 AND holder = $2 AND epoch = $3`,
      [lease.projection, lease.holder, lease.epoch, leaseMs],
    );
    return result.rowCount === 1;
  }

  /** Lets the lease go at once (a clean shutdown), so a standby need not wait for it to expire. */
  async release(lease: Lease): Promise<void> {
    await this.pool.query(
      `UPDATE projection_leases SET expires_at = now()
       WHERE projection = $1 AND holder = $2 AND epoch = $3 AND expires_at > now()`,
      [lease.projection, lease.holder, lease.epoch],
    );
  }

  async current(projection: string): Promise<LeaseState | undefined> {
    const { rows } = await this.pool.query<{ holder: string; epoch: string; remaining_ms: number }>(
      `SELECT holder, epoch, extract(epoch FROM expires_at - now()) * 1000 AS remaining_ms
       FROM projection_leases WHERE projection = $1`,
      [projection],
    );
    const row = rows[0];
    return (
      row && {
        projection,
        holder: row.holder,
        epoch: Number(row.epoch),
        remainingMs: Number(row.remaining_ms),
      }
    );
  }
}
