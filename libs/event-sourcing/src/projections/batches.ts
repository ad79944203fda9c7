const IDLE = Symbol('idle');

export interface Batch<T> {
  items: T[];
  /** The source had to wait for more (it is caught up); false when the batch was cut at its maximum. */
  idle: boolean;
}

/**
 * Cuts an async source into batches: everything it yields without waiting on I/O or a timer, up to
 * `max`. A catch-up read therefore fills whole batches, while a live trickle goes out at once. When the
 * source runs dry exactly at a batch boundary, one empty idle batch says so; after that `next` waits.
 */
export class Batches<T> {
  private pending: Promise<IteratorResult<T>> | undefined;
  private idleReported = false;

  constructor(
    private readonly source: AsyncIterator<T>,
    private readonly max: number,
  ) {}

  /**
   * Undefined once the source has ended. While `busy` is pending (the previous batch committing) the
   * batch is not cut for idleness: what the source yields meanwhile is the next batch, however long the
   * commit waits on its database. `max` lowers the batch's size for this call.
   */
  async next(busy: Promise<unknown> = Promise.resolve(), max = this.max): Promise<Batch<T> | undefined> {
    const items: T[] = [];
    let tick: Promise<typeof IDLE> | undefined;
    // A macrotask: it runs only once the source is left waiting on something outside this process.
    const arm = () => {
      tick ??= busy.then(idleTick, idleTick);
      return tick;
    };
    while (items.length < max) {
      const next = this.pending ?? this.source.next();
      this.pending = undefined;
      const result = items.length === 0 && this.idleReported ? await next : await Promise.race([next, arm()]);
      if (result === IDLE) {
        this.pending = next;
        this.idleReported = true;
        return { items, idle: true };
      }
      if (result.done) {
        this.idleReported = true;
        return items.length > 0 ? { items, idle: true } : undefined;
      }
      items.push(result.value);
    }
    this.idleReported = false;
    return { items, idle: false };
  }
}

function idleTick(): Promise<typeof IDLE> {
  return new Promise((resolve) => setImmediate(resolve, IDLE));
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
