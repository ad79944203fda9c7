import { Batches } from './batches';

/** Yields each group at once, then waits on a timer before the next: like a store read page by page. */
async function* pages(groups: number[][]): AsyncGenerator<number> {
  for (const group of groups) {
    for (const item of group) yield item;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('Batches', () => {
  it('fills batches with what is ready at once and marks them idle when the source must wait', async () => {
    const batches = new Batches(pages([[1, 2, 3, 4, 5], [6], [7, 8]]), 2);
    const seen = [];
    for (let batch = await batches.next(); batch; batch = await batches.next()) seen.push(batch);
    expect(seen).toEqual([
      { items: [1, 2], idle: false },
      { items: [3, 4], idle: false },
      { items: [5], idle: true },
      { items: [6], idle: true },
      { items: [7, 8], idle: false },
      { items: [], idle: true },
    ]);
  });

  it('does not cut a batch for idleness while the previous one is still committing', async () => {
    async function* source(): AsyncGenerator<number> {
      yield 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      yield* [2, 3];
      await new Promise((resolve) => setTimeout(resolve, 200));
      yield 4;
    }
    const batches = new Batches(source(), 10);
    const committing = new Promise((resolve) => setTimeout(resolve, 50));
    expect(await batches.next(committing)).toEqual({ items: [1, 2, 3], idle: true });
    expect(await batches.next()).toEqual({ items: [4], idle: true });
  });

  it('says once that an empty source is idle, then waits for it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* late(): AsyncGenerator<number> {
      await gate;
      yield 1;
    }
    const batches = new Batches(late(), 10);
    expect(await batches.next()).toEqual({ items: [], idle: true });
    const next = batches.next();
    release();
    expect(await next).toEqual({ items: [1], idle: true });
    expect(await batches.next()).toBeUndefined();
  });
});
