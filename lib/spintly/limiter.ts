import 'server-only';

/** Caps the requests in flight to Spintly, so bulk work queues here instead of flooding Spintly. */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Most requests seen in flight at once, for tests and benchmarks. */
  peak = 0;

  constructor(private current: number) {
    ConcurrencyLimiter.check(current);
  }

  private static check(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('concurrency limit must be a positive integer');
  }

  get limit(): number {
    return this.current;
  }

  /** A new cap (e.g. this instance's share of the deployment's lane); waiting requests start as room allows. */
  set limit(limit: number) {
    ConcurrencyLimiter.check(limit);
    if (limit === this.current) return;
    this.current = limit;
    while (this.active + this.starting < this.current && this.waiting.length > 0) {
      this.starting++;
      this.waiting.shift()!();
    }
  }

  /** Woken but not yet counted as active. */
  private starting = 0;

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active + this.starting >= this.current) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      this.starting--;
    }
    this.active++;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await task();
    } finally {
      this.active--;
      if (this.active + this.starting < this.current && this.waiting.length > 0) {
        this.starting++;
        this.waiting.shift()!();
      }
    }
  }
}
