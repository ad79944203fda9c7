import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { openLedgerDatabase } from './sqlite-schema';
import { type AppendOutcome, type PreparedAppend, SqliteWriter } from './sqlite-writer';

/** How often the thread's own load is measured, and below which share of the time it counts as calm. */
const WINDOW_MS = 100;
const CALM_BELOW = 0.5;

/**
 * Writes a lone append on the calling thread while that thread is calm. Handing an append to the writer
 * thread and back costs two thread wake-ups, about 0.25 ms on these VMs, more than the fsync itself: a
 * lone writer did 1,250–1,540 appends/s through the writer thread and 2,170–2,380/s here, at half the CPU.
 * Under load the writer thread is the better place (its fsyncs overlap the requests this thread serves),
 * so this writes only while the thread's other work (its event-loop utilisation, minus the time spent
 * writing here) stays under half of its time. Secrets go to the writer thread, whose connection waits for
 * readers so that a destroyed key's TRUNCATE checkpoint completes.
 */
export class CallingThreadWriter {
  private db: Database.Database | undefined;
  private writer: SqliteWriter | undefined;
  private window = { started: performance.now(), elu: performance.eventLoopUtilization(), writingMs: 0 };
  private calm = true;

  constructor(private readonly file: string) {}

  /** The outcome, or undefined when the append should go to the writer thread instead. */
  tryWrite(request: PreparedAppend, recordedAt: string): AppendOutcome | undefined {
    if (!this.isCalm()) return undefined;
    const started = performance.now();
    try {
      return this.open().writeBatch([request], recordedAt)[0];
    } catch (error) {
      // Another process holds the write lock: the writer thread waits for it, this thread must not.
      if ((error as { code?: string }).code === 'SQLITE_BUSY') return undefined;
      throw error;
    } finally {
      this.window.writingMs += performance.now() - started;
    }
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
    this.writer = undefined;
  }

  private open(): SqliteWriter {
    if (!this.writer) {
      this.db = openLedgerDatabase(this.file);
      this.db.pragma('busy_timeout = 0');
      this.writer = new SqliteWriter(this.db);
    }
    return this.writer;
  }

  private isCalm(): boolean {
    const now = performance.now();
    if (now - this.window.started >= WINDOW_MS) {
      const { active, idle } = performance.eventLoopUtilization(this.window.elu);
      this.calm = (active - this.window.writingMs) / (active + idle) < CALM_BELOW;
      this.window = { started: now, elu: performance.eventLoopUtilization(), writingMs: 0 };
    }
    return this.calm;
  }
}
