import type { RecordedEvent, StoredRecord } from '../envelope/envelope';
import type { EventStore, ReadStreamOptions } from '../store/event-store';
import { type ExportBundle, exportBundle } from './bundle';
import { CHECKPOINT_STREAM } from './checkpoint';
import type { Checkpointer } from './checkpointer';
import { type AsOf, parseAsOf, readHistory } from './history';
import { type EventProof, proveEvent } from './inclusion';
import { type CheckpointKeyring, KeySet, type PublishedKey, publicKeysDocument } from './keys';
import { type LedgerVerification, type VerifyProgress, verifyLedger } from './verify-ledger';
import { verifyStream } from './verify-stream';

export interface LedgerAuditOptions {
  keyring: CheckpointKeyring;
  /** When given, proofs and exports first have it sign the newest events, so every event they name is proved. */
  checkpointer?: Checkpointer;
  /** LEDGER_CHECKPOINT_SECONDS; default 60. */
  checkpointSeconds?: number;
  /** LEDGER_CHECKPOINT_GRACE_SECONDS; default 300. */
  graceSeconds?: number;
  clock?: () => Date;
}

/**
 * What the `/audit` routes and the CLI need, in one place: one method per route. Each is a thin use of the
 * functions beside it (verifyLedger, verifyStream, proveEvent, exportBundle, readHistory), which can also
 * be used directly; `verifyBundle` needs no ledger at all.
 */
export class LedgerAudit {
  constructor(
    readonly store: EventStore,
    private readonly options: LedgerAuditOptions,
  ) {}

  /** GET /audit/public-key */
  publicKeys(): { keys: PublishedKey[] } {
    return publicKeysDocument(this.options.keyring);
  }

  /** POST /audit/verifications { stream? }; `kept`: checkpoints the auditor kept (CLI `verify --against`). */
  verify(
    request: {
      stream?: string;
      kept?: readonly StoredRecord[];
      onProgress?: (progress: VerifyProgress) => void;
    } = {},
  ): Promise<LedgerVerification> {
    const { keyring, checkpointSeconds, graceSeconds, clock } = this.options;
    const options = {
      keys: new KeySet(keyring.published),
      checkpointSeconds,
      graceSeconds,
      clock,
      onProgress: request.onProgress,
    };
    if (request.stream !== undefined) {
      if (request.kept?.length) throw new TypeError('kept checkpoints are checked against the whole ledger');
      return verifyStream(this.store, request.stream, options);
    }
    return verifyLedger(this.store, { ...options, kept: request.kept });
  }

  verifyAgainst(
    kept: readonly StoredRecord[],
    onProgress?: (progress: VerifyProgress) => void,
  ): Promise<LedgerVerification> {
    return this.verify({ kept, onProgress });
  }

  /** GET /audit/streams/{stream}/{revision}/proof; EventNotFoundError when there is no such event. */
  async proof(stream: string, revision: number): Promise<EventProof | undefined> {
    await this.options.checkpointer?.checkpointNow();
    return proveEvent(this.store, stream, revision);
  }

  /** GET /audit/exports/{stream}; StreamNotFoundError when the stream has no events. */
  async exportBundle(stream: string): Promise<ExportBundle> {
    await this.options.checkpointer?.checkpointNow();
    return exportBundle(this.store, stream, { keyring: this.options.keyring, clock: this.options.clock });
  }

  /** GET /audit/streams/{stream}?asOf= ; StreamNotFoundError when the stream has no events. */
  history(
    stream: string,
    options: { asOf?: AsOf; fromRevision?: number; limit?: number } = {},
  ): Promise<RecordedEvent[]> {
    return readHistory(this.store, stream, options);
  }

  /** `?asOf=` → a position or a time; undefined for anything else (a 400). */
  parseAsOf(token: string): AsOf | undefined {
    return parseAsOf(this.store, token);
  }

  /** The checkpoints as stored, for auditors to keep (e.g. GET /audit/checkpoints). */
  checkpoints(options: ReadStreamOptions = {}): Promise<StoredRecord[]> {
    return this.store.readStreamRecords(CHECKPOINT_STREAM, options);
  }
}
