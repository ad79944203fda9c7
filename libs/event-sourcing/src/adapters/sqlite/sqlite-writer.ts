import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { type PreparedEnvelope, prepareEnvelope, sealPrepared } from '../../envelope/envelope-parts';
import {
  type CommandMetadata,
  type ExpectedRevision,
  expectedRevisionMatches,
  type NewEvent,
  streamCategory,
} from '../../store/event-store';

export interface AppendRequest {
  stream: string;
  events: readonly NewEvent[];
  expectedRevision: ExpectedRevision;
  metadata: CommandMetadata;
  receipt?: string;
}

/** An append as the writer thread takes it: its envelope parts already serialised (see envelope-parts). */
export interface PreparedAppend {
  stream: string;
  expectedRevision: ExpectedRevision;
  commandId: string;
  receipt?: string;
  envelope: PreparedEnvelope;
}

export function prepareAppend(request: AppendRequest): PreparedAppend {
  const { stream, expectedRevision, metadata, receipt, events } = request;
  const envelope = prepareEnvelope(stream, metadata, events);
  return { stream, expectedRevision, commandId: metadata.commandId, receipt, envelope };
}

/**
 * A secret kept beside the events (never inside them), such as a customer's data key. Written in the same
 * group commit as the appends queued with it, so a key is durable no later than the first event it seals;
 * `value: null` destroys it (secure_delete, then a TRUNCATE checkpoint so the bytes leave the WAL too).
 */
export interface SecretRequest {
  secret: { id: string; value: string | null };
}

export type WriteRequest = PreparedAppend | SecretRequest;

export type AppendOutcome =
  | {
      ok: true;
      stream: string;
      revision: number;
      position: number;
      duplicate: boolean;
      receipt?: string | null;
    }
  | { ok: false; kind: 'wrong-revision'; expected: ExpectedRevision; actual: number | 'no_stream' }
  | { ok: false; kind: 'invalid'; message: string }
  | { ok: true; secret: string };

const HEAD_CACHE = 100_000;

/**
 * Writes a batch of appends in one transaction (group commit). Each append keeps its own concurrency
 * check, and writes nothing unless all its events could be sealed, so one append's conflict or bad
 * payload never fails another's.
 */
export class SqliteWriter {
  private readonly findCommand: Database.Statement<
    [string],
    { stream: string; revision: number; position: number; receipt: string | null }
  >;
  private readonly findHead: Database.Statement<[string], { revision: number; hash: string }>;
  private readonly insertEvent: Database.Statement<[string, number, string, string, string, string]>;
  private readonly insertCommand: Database.Statement<[string, string, number, number, string | null]>;
  private readonly insertSecret: Database.Statement<[string, string]>;
  private readonly deleteSecret: Database.Statement<[string]>;
  private readonly heads = new Map<string, { revision: number; hash: string }>();
  private dataVersion = -1;
  // Prepared once: exec() and pragma() compile their SQL on every call, and every batch runs these.
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly readDataVersion: Database.Statement<[], number>;

  constructor(private readonly db: Database.Database) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.readDataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.insertSecret = db.prepare('INSERT OR IGNORE INTO secrets (id, value) VALUES (?, ?)');
    this.deleteSecret = db.prepare('DELETE FROM secrets WHERE id = ?');
    this.findCommand = db.prepare(
      'SELECT stream, revision, position, receipt FROM commands WHERE command_id = ?',
    );
    this.findHead = db.prepare(
      'SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
    );
    this.insertEvent = db.prepare(
      'INSERT INTO events (stream, revision, category, type, canonical, hash) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertCommand = db.prepare(
      'INSERT INTO commands (command_id, stream, revision, position, receipt) VALUES (?, ?, ?, ?, ?)',
    );
  }

  writeBatch(requests: readonly WriteRequest[], recordedAt: string): AppendOutcome[] {
    this.begin.run();
    // Another connection (the CLI) committed since our last batch: our cached heads may be stale.
    const dataVersion = this.readDataVersion.get() as number;
    if (dataVersion !== this.dataVersion) this.heads.clear();
    this.dataVersion = dataVersion;
    try {
      const outcomes = requests.map((request) =>
        'secret' in request ? this.writeSecret(request) : this.writeOne(request, recordedAt),
      );
      this.commit.run();
      if (requests.some((request) => 'secret' in request && request.secret.value === null)) {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      }
      return outcomes;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.heads.clear();
      throw error;
    }
  }

  /** Heads of recently written streams, so most appends skip a lookup; bounded, oldest dropped first. */
  private rememberHead(stream: string, head: { revision: number; hash: string }): void {
    this.heads.delete(stream);
    this.heads.set(stream, head);
    if (this.heads.size > HEAD_CACHE) this.heads.delete(this.heads.keys().next().value as string);
  }

  private writeSecret({ secret }: SecretRequest): AppendOutcome {
    if (secret.value === null) this.deleteSecret.run(secret.id);
    else this.insertSecret.run(secret.id, secret.value);
    return { ok: true, secret: secret.id };
  }

  private writeOne(request: PreparedAppend, recordedAt: string): AppendOutcome {
    const { stream, expectedRevision, commandId, envelope } = request;
    const earlier = this.findCommand.get(commandId);
    if (earlier) return { ok: true, ...earlier, duplicate: true };

    const head = this.heads.get(stream) ?? this.findHead.get(stream);
    if (!expectedRevisionMatches(expectedRevision, head?.revision)) {
      return {
        ok: false,
        kind: 'wrong-revision',
        expected: expectedRevision,
        actual: head?.revision ?? 'no_stream',
      };
    }
    // Seal every event before writing any: the only thing that can fail after this is the disk, and a
    // disk failure fails the whole transaction anyway.
    const refused = envelope.events.find((event) => event.invalid !== undefined);
    if (refused) return { ok: false, kind: 'invalid', message: refused.invalid as string };
    let prevHash = head ? head.hash : null;
    const firstRevision = head ? head.revision + 1 : 0;
    const sealed = envelope.events.map((event, index) => {
      const revision = firstRevision + index;
      const fields = { eventId: randomUUID(), revision, recordedAt, prevHash };
      const { canonical, hash } = sealPrepared(envelope, event, fields);
      prevHash = hash;
      return { revision, type: event.type, canonical, hash };
    });
    const category = streamCategory(stream);
    let position = 0;
    for (const { revision, type, canonical, hash } of sealed) {
      position = Number(
        this.insertEvent.run(stream, revision, category, type, canonical, hash).lastInsertRowid,
      );
    }
    const revision = firstRevision + envelope.events.length - 1;
    this.insertCommand.run(commandId, stream, revision, position, request.receipt ?? null);
    this.rememberHead(stream, { revision, hash: prevHash as string });
    return { ok: true, stream, revision, position, duplicate: false };
  }
}
