import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { Lease, ProjectionLeases } from './leases';

export interface LeadershipOptions {
  holder: string;
  leaseMs: number;
  /** Longest a standby sleeps between looks at the lease (it wakes sooner when the lease runs out sooner). */
  pollMs: number;
  log: Logger;
  /** Starts the projection's work; a failure gives the lease back. */
  lead(lease: Lease): Promise<void>;
  /** Stops it, letting a batch in progress finish (or fail). */
  standDown(reason: string): Promise<void>;
}

/**
 * One projection's leadership in this process: a standby looks at the lease, sleeps until just after
 * it runs out (or for a poll), and takes it; the leader renews it every third of its length. A leader
 * that cannot renew stands down by its own monotonic clock before the lease can expire on the server
 * (the server's expiry is counted from a moment after the renewal was sent), so by the time a standby
 * may take over, the old leader has stopped starting batches, unless it is hung; a hung leader's late
 * batch then fails on the checkpoint compare-and-set, and its next renewal tells it to stand down.
 */
export class Leadership {
  private lease: Lease | undefined;
  private fence: NodeJS.Timeout | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** Lead and stand-down run one at a time, in order: never two runners for one projection here. */
  private transitions: Promise<void> = Promise.resolve();
  private standingBy = false;
  /** performance.now() of the last answer from PostgreSQL, for /health. */
  lastContact: number | undefined;
  /** How many times this process has taken the lease. */
  leads = 0;

  constructor(
    private readonly leases: ProjectionLeases,
    readonly projection: string,
    private readonly options: LeadershipOptions,
  ) {}

  get role(): 'leader' | 'standby' {
    return this.lease ? 'leader' : 'standby';
  }

  get epoch(): number | undefined {
    return this.lease?.epoch;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stands down (letting the batch in progress finish) and gives the lease back for a standby to take. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    const lease = this.lease;
    await this.standDown('shutting down');
    if (lease) await this.leases.release(lease).catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let wait = this.options.pollMs;
      try {
        wait = this.lease ? await this.renew(this.lease) : await this.tryLead();
        this.lastContact = performance.now();
      } catch (error) {
        this.options.log.warn({ projection: this.projection, err: String(error), msg: 'lease check failed' });
      }
      await this.sleep(wait);
    }
  }

  private async tryLead(): Promise<number> {
    await this.transitions;
    const { holder, leaseMs, pollMs, log } = this.options;
    const sentAt = performance.now();
    const lease = await this.leases.tryAcquire(this.projection, holder, leaseMs);
    if (!lease) {
      const current = await this.leases.current(this.projection);
      if (!this.standingBy)
        log.info({ projection: this.projection, leader: current?.holder, msg: 'standing by' });
      this.standingBy = true;
      // Wake just after the holder's lease runs out, if that comes before the next poll.
      return Math.max(10, Math.min(pollMs, (current?.remainingMs ?? 0) + 10));
    }
    if (this.stopped) {
      await this.leases.release(lease);
      return 0;
    }
    this.lease = lease;
    this.standingBy = false;
    this.leads += 1;
    this.armFence(sentAt, lease);
    log.info({ projection: this.projection, epoch: lease.epoch, holder, msg: 'leading' });
    // Not awaited: renewals go on while the projection starts (creating its tables may take a while).
    void this.transition(async () => {
      try {
        await this.options.lead(lease);
      } catch (error) {
        log.error({
          projection: this.projection,
          err: String(error),
          msg: 'could not start; giving the lease back',
        });
        if (this.lease !== lease) return;
        this.lease = undefined;
        clearTimeout(this.fence);
        await this.options.standDown('could not start').catch(() => undefined);
        await this.leases.release(lease).catch(() => undefined);
      }
    });
    return this.renewEvery();
  }

  private async renew(lease: Lease): Promise<number> {
    const sentAt = performance.now();
    if (await this.leases.renew(lease, this.options.leaseMs)) {
      if (this.lease === lease) this.armFence(sentAt, lease);
      return this.renewEvery();
    }
    await this.standDown('another process took the lease over');
    return 0;
  }

  private renewEvery(): number {
    return Math.max(10, Math.floor(this.options.leaseMs / 3));
  }

  /** Stands down by this process's clock before the lease can have run out on the server. */
  private armFence(sentAt: number, lease: Lease): void {
    clearTimeout(this.fence);
    const margin = Math.min(1000, this.options.leaseMs / 10);
    const at = sentAt + this.options.leaseMs - margin - performance.now();
    this.fence = setTimeout(
      () => {
        if (this.lease === lease) void this.standDown('could not renew the lease in time');
      },
      Math.max(0, at),
    );
  }

  private standDown(reason: string): Promise<void> {
    const lease = this.lease;
    if (!lease) return this.transitions;
    this.lease = undefined;
    clearTimeout(this.fence);
    this.options.log.warn({ projection: this.projection, epoch: lease.epoch, reason, msg: 'standing down' });
    return this.transition(() => this.options.standDown(reason));
  }

  private transition(work: () => Promise<void>): Promise<void> {
    const next = this.transitions.then(work, work);
    this.transitions = next.catch((error) =>
      this.options.log.error({ projection: this.projection, err: String(error), msg: 'transition failed' }),
    );
    return this.transitions;
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
