import 'server-only';

/**
 * A small TTL cache for slow-changing reads (sites, doors, roles), with tags to drop related entries when the portal
 * changes them. Concurrent misses for one key share one request. People and permissions never go through here.
 */
interface Entry {
  value: Promise<unknown>;
  expiresAt: number;
  tags: readonly string[];
}

export class TaggedCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get<T>(key: string, tags: readonly string[], load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.value as Promise<T>;
    const value = load();
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs, tags });
    // A failed load must not be served from the cache.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  invalidateTag(tag: string) {
    for (const [key, entry] of this.entries) if (entry.tags.includes(tag)) this.entries.delete(key);
  }

  clear() {
    this.entries.clear();
  }
}
