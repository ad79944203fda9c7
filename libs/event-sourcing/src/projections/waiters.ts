import type { EventStore, Position } from '../store/event-store';

interface Waiter {
  position: Position;
  remaining: Set<string>;
  settle(reached: boolean): void;
}

/** Read-your-writes: callers waiting for named projections to reach a position, told as batches commit. */
export class Waiters {
  private readonly waiting = new Set<Waiter>();

  constructor(
    private readonly store: EventStore,
    private readonly positionOf: (projection: string) => Position | undefined,
  ) {}

  waitFor(position: Position, timeoutMs: number, projections: readonly string[]): Promise<boolean> {
    const remaining = new Set(projections.filter((name) => !this.reached(name, position)));
    if (remaining.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        remaining,
        settle: (reached) => {
          clearTimeout(timer);
          this.waiting.delete(waiter);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => waiter.settle(false), timeoutMs);
      this.waiting.add(waiter);
    });
  }

  /** A projection's live position moved. */
  advanced(projection: string): void {
    for (const waiter of this.waiting) {
      if (waiter.remaining.has(projection) && this.reached(projection, waiter.position)) {
        waiter.remaining.delete(projection);
        if (waiter.remaining.size === 0) waiter.settle(true);
      }
    }
  }

  cancelAll(): void {
    for (const waiter of this.waiting) waiter.settle(false);
  }

  private reached(projection: string, position: Position): boolean {
    const current = this.positionOf(projection);
    return current !== undefined && this.store.comparePositions(current, position) >= 0;
  }
}
