/** Request counters by route template and status, and tokens issued: what tests and benchmarks assert on. */
import type { TokenIssuer } from './tokens';

interface RouteCount {
  total: number;
  byStatus: Record<string, number>;
}

export class Stats {
  private requests: Record<string, RouteCount> = {};
  private tokensAtReset = 0;

  constructor(private readonly tokens: TokenIssuer) {}

  count(key: string, status: number | 'hang') {
    const entry = (this.requests[key] ??= { total: 0, byStatus: {} });
    entry.total++;
    entry.byStatus[String(status)] = (entry.byStatus[String(status)] ?? 0) + 1;
  }

  snapshot() {
    return { tokensIssued: this.tokens.issued - this.tokensAtReset, requests: structuredClone(this.requests) };
  }

  clear() {
    this.requests = {};
    this.tokensAtReset = this.tokens.issued;
  }
}
