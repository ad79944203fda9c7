import { v5 as uuidv5 } from 'uuid';
import { readRecordedAt } from '../envelope/chain-links';
import type { Actor } from '../envelope/envelope';
import { type EventStore, type Position, WrongExpectedRevisionError } from '../store/event-store';
import {
  buildCheckpoint,
  CHECKPOINT_STREAM,
  CHECKPOINT_TYPE,
  type Checkpoint,
  type CheckpointData,
  readCheckpoint,
} from './checkpoint';
import type { CheckpointKeyring } from './keys';

export interface CheckpointerOptions {
  /** Sign once this many events are uncovered (LEDGER_CHECKPOINT_EVERY); default 1000. */
  every?: number;
  /** Sign whatever is uncovered once its oldest event is this old (LEDGER_CHECKPOINT_SECONDS); default 60. */
  seconds?: number;
  /** How often to look for new events; default 500 ms. */
  pollMs?: number;
  clock?: () => Date;
  /** Who appends checkpoints; default `LEDGER_ACTOR`. */
  actor?: Actor;
  /** Failures of background rounds (the next round starts afresh from the store); default console.error. */
  onError?: (error: unknown) => void;
}

/** The ledger itself, as the actor of what it records on its own (checkpoints). */
export const LEDGER_ACTOR: Actor = {
  accountId: '00000000-0000-0000-0000-000000000000',
  partnerId: null,
  roles: [],
};

const PAGE = 4096;
const COMMAND_NAMESPACE = 'b3f7d1c2-5a4e-4f0b-8c6d-9e2a1f3b7c55';

interface Pending {
  position: Position;
  hash: string;
  /** recordedAt, in ms. */
  at: number;
}

interface Head {
  revision: number;
  hash: string;
  toPosition: Position;
}

/**
 * Appends a signed checkpoint to `ledger-checkpoints` every `every` events, or once the oldest uncovered
 * event is `seconds` old, so no event stays uncovered much longer than that. All its state comes from
 * the store (the newest checkpoint, then the events after it), so a restart, a crash or a second
 * checkpointer (the append expects the last checkpoint's revision, and a lost race just reloads) never
 * leaves a gap or an overlap between ranges.
 */
export class Checkpointer {
  private readonly every: number;
  private readonly seconds: number;
  private readonly clock: () => Date;
  private head: Head | null | undefined;
  private seen: Position | undefined;
  private pending: Pending[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly keyring: CheckpointKeyring,
    private readonly options: CheckpointerOptions = {},
  ) {
    this.every = options.every ?? 1000;
    this.seconds = options.seconds ?? 60;
    this.clock = options.clock ?? (() => new Date());
    if (!(this.every >= 1 && this.seconds > 0)) throw new RangeError('every ≥ 1 event and seconds > 0');
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.pollMs ?? 500);
    this.timer.unref();
    void this.tick();
  }

  /** Stops the rounds; by default signs what is still uncovered, so a restart finds nothing stale. */
  async stop(options: { finalCheckpoint?: boolean } = {}): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (options.finalCheckpoint ?? true) await this.checkpointNow().catch(this.options.onError ?? report);
    await this.queue.catch(() => {});
  }

  /** Signs everything uncovered now, in checkpoints of at most `every` events; [] when nothing is new. */
  checkpointNow(): Promise<Checkpoint[]> {
    return this.exclusive(() => this.advance(true));
  }

  private tick(): Promise<unknown> {
    return this.exclusive(() => this.advance(false)).catch(this.options.onError ?? report);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => {});
    return run;
  }

  /** Reads what is new and signs full ranges; signs the remainder too when told to, or once it is T old. */
  private async advance(signAll: boolean): Promise<Checkpoint[]> {
    const made: Checkpoint[] = [];
    try {
      if (this.head === undefined) await this.load();
      for (let conflicts = 0; ; ) {
        const page = await this.store.readRecords({ after: this.seen, limit: PAGE });
        for (const { stream, position, hash, canonical } of page) {
          if (stream !== CHECKPOINT_STREAM) {
            this.pending.push({ position, hash, at: Date.parse(readRecordedAt(canonical)) });
          }
        }
        if (page.length > 0) this.seen = page[page.length - 1].position;
        const caughtUp = page.length < PAGE;
        const due = this.clock().getTime() - this.seconds * 1000;
        const signRemainder = signAll || (this.pending.length > 0 && !(this.pending[0].at > due));
        let reloaded = false;
        while (
          !reloaded &&
          (this.pending.length >= this.every || (caughtUp && signRemainder && this.pending.length > 0))
        ) {
          const signed = await this.sign(this.pending.slice(0, this.every));
          if (signed) {
            made.push(signed);
            this.pending.splice(0, signed.data.eventCount);
          } else if (++conflicts > 3) {
            throw new Error('checkpoint: lost the race to another checkpointer three times');
          } else {
            reloaded = true;
          }
        }
        if (caughtUp && !reloaded) return made;
      }
    } catch (error) {
      this.head = undefined; // start the next round from the store
      throw error;
    }
  }

  /** Appends one checkpoint; undefined when another checkpointer got there first (state reloaded). */
  private async sign(events: Pending[]): Promise<Checkpoint | undefined> {
    const head = this.head as Head | null;
    const data: CheckpointData = buildCheckpoint(events, head?.hash ?? null, this.keyring.signer);
    // Derived from what it signs: a retried append finds its first answer instead of signing twice.
    const commandId = uuidv5(
      `${data.previousCheckpointHash}/${data.fromPosition}/${data.toPosition}`,
      COMMAND_NAMESPACE,
    );
    let revision: number;
    try {
      const result = await this.store.append(CHECKPOINT_STREAM, [{ type: CHECKPOINT_TYPE, data }], {
        expectedRevision: head ? head.revision : 'no_stream',
        metadata: {
          actor: this.options.actor ?? LEDGER_ACTOR,
          commandId,
          correlationId: commandId,
          occurredAt: this.clock().toISOString(),
        },
      });
      revision = result.revision;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      await this.load();
      return undefined;
    }
    const [record] = await this.store.readStreamRecords(CHECKPOINT_STREAM, {
      fromRevision: revision,
      limit: 1,
    });
    this.head = { revision, hash: record.hash, toPosition: data.toPosition as Position };
    return { record, data };
  }

  private async load(): Promise<void> {
    const [last] = await this.store.readStreamRecords(CHECKPOINT_STREAM, {
      direction: 'backwards',
      limit: 1,
    });
    this.pending = [];
    if (!last) {
      this.head = null;
      this.seen = undefined;
      return;
    }
    const checkpoint = readCheckpoint(last);
    if (typeof checkpoint === 'string')
      throw new Error(`the newest checkpoint cannot be read: ${checkpoint}`);
    const toPosition = checkpoint.data.toPosition as Position;
    this.head = { revision: last.revision, hash: last.hash, toPosition };
    this.seen = toPosition;
  }
}

function report(error: unknown): void {
  console.error('checkpoint round failed:', error);
}
