import type { RecordedEvent } from '../envelope/envelope';
import type { EventStore, Position, ReadAllOptions, Subscription } from './event-store';

const PAGE = 512;
/** Appends by another process (the CLI) raise no signal here, so an idle subscription also polls. */
const POLL_MS = 500;

/**
 * A catch-up subscription built on `readAll`: reads pages after the last position it delivered, and when
 * caught up waits for the store's "something was appended" signal (or the poll) before reading again.
 * Because it always resumes strictly after the last delivered position, it neither misses nor repeats.
 */
export function followAll(
  store: EventStore,
  after: Position | undefined,
  filter: ReadAllOptions['filter'],
  onAppend: (wake: () => void) => () => void,
): Subscription {
  let closed = false;
  let signalled = false;
  let wake: (() => void) | undefined;
  const unsubscribe = onAppend(() => {
    signalled = true;
    wake?.();
  });

  async function* events(): AsyncGenerator<RecordedEvent> {
    let position = after;
    try {
      while (!closed) {
        signalled = false;
        const page = await store.readAll({ after: position, limit: PAGE, filter });
        for (const event of page) {
          if (closed) return;
          position = event.position;
          yield event;
        }
        if (page.length < PAGE && !signalled && !closed) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, POLL_MS);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = undefined;
        }
      }
    } finally {
      unsubscribe();
    }
  }

  const iterator = events();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close() {
      closed = true;
      wake?.();
      void iterator.return(undefined);
    },
  };
}
