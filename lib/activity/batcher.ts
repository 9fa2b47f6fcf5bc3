import 'server-only';

/**
 * Group commit: callers add items and wait; items that arrive together are written in one go (one transaction, one
 * multi-row insert), so 500 webhook calls a second cost a handful of writes, not 500. A caller's promise settles only
 * when its item is written — answering Spintly 200 before that could lose an event the portal then crashes on.
 */
export class Batcher<T, R> {
  private queue: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    /** Writes a batch; returns one result per item, in order. */
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxBatch = 500,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      // The first item starts a flush on the next tick; items that arrive while a flush runs go in the next one.
      this.flushing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const results = await this.write(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    this.flushing = null;
  }
}
