import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalMember } from '../../envelope/canonical-json';
import { type HashedEnvelope, sealWithData } from '../../envelope/envelope';
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

/**
 * An event whose data is already canonical JSON text (`undefined` when JCS leaves the member out), or
 * the reason it cannot be (reported like any other refusal, after the duplicate and revision checks).
 */
export interface PreparedEvent {
  type: string;
  schemaVersion: number;
  data?: string;
  invalid?: string;
}

export interface PreparedAppend extends Omit<AppendRequest, 'events'> {
  events: readonly PreparedEvent[];
}

/**
 * Serialises each event's data once, where it is appended: the writer thread then receives text (a
 * string is cheap to pass between threads; an object graph is cloned member by member) and splices it
 * into the envelope unparsed.
 */
export function prepareAppend(request: AppendRequest): PreparedAppend {
  const events = request.events.map((event): PreparedEvent => {
    const schemaVersion = event.schemaVersion ?? 1;
    try {
      return { type: event.type, schemaVersion, data: canonicalMember(event.data) };
    } catch (error) {
      return {
        type: event.type,
        schemaVersion,
        invalid: error instanceof Error ? error.message : String(error),
      };
    }
  });
  return { ...request, events };
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

type EventMetadataWithoutHash = HashedEnvelope['metadata'];

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
    const { stream, events, expectedRevision, metadata } = request;
    const earlier = this.findCommand.get(metadata.commandId);
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
    let prevHash = head ? head.hash : null;
    const firstRevision = head ? head.revision + 1 : 0;
    const metadataKeys = hashedMetadataKeys(metadata);
    let sealed: { revision: number; type: string; canonical: string; hash: string }[];
    try {
      sealed = events.map((event, index) => {
        if (event.invalid !== undefined) throw new TypeError(event.invalid);
        const revision = firstRevision + index;
        const envelope = sealWithData(
          {
            eventId: randomUUID(),
            type: event.type,
            schemaVersion: event.schemaVersion,
            stream,
            revision,
            metadata: hashedMetadata(metadataKeys, metadata, recordedAt, prevHash),
          },
          event.data,
        );
        prevHash = envelope.hash;
        return { ...envelope, revision, type: event.type };
      });
    } catch (error) {
      return { ok: false, kind: 'invalid', message: error instanceof Error ? error.message : String(error) };
    }
    const category = streamCategory(stream);
    let position = 0;
    for (const { revision, type, canonical, hash } of sealed) {
      position = Number(
        this.insertEvent.run(stream, revision, category, type, canonical, hash).lastInsertRowid,
      );
    }
    const revision = firstRevision + events.length - 1;
    this.insertCommand.run(metadata.commandId, stream, revision, position, request.receipt ?? null);
    this.rememberHead(stream, { revision, hash: prevHash as string });
    return { ok: true, stream, revision, position, duplicate: false };
  }
}

/** The keys of an event's hashed metadata (the command's, recordedAt and prevHash), in canonical order. */
function hashedMetadataKeys(metadata: CommandMetadata): string[] {
  return [...new Set([...Object.keys(metadata), 'prevHash', 'recordedAt'])].sort();
}

/**
 * `{ ...metadata, recordedAt, prevHash }` built with its keys in order, so that canonicalJson
 * serialises it as it is instead of copying it in order first.
 */
function hashedMetadata(
  keys: readonly string[],
  metadata: CommandMetadata,
  recordedAt: string,
  prevHash: string | null,
): EventMetadataWithoutHash {
  // Assigning `__proto__` would set the prototype: the spread makes it a member, as before.
  if (keys.includes('__proto__')) return { ...metadata, recordedAt, prevHash };
  const source = metadata as unknown as Record<string, unknown>;
  const hashed: Record<string, unknown> = {};
  for (const key of keys) {
    hashed[key] = key === 'prevHash' ? prevHash : key === 'recordedAt' ? recordedAt : source[key];
  }
  return hashed as unknown as EventMetadataWithoutHash;
}
