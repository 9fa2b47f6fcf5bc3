import { describe, expect, it } from 'vitest';
import { TaggedCache } from './cache';
import { ConcurrencyLimiter } from './limiter';
import { createRedactor } from '../observability/log';
import { eachPage } from './resources/shared';
import { refreshMarginMs } from './token';
import { DEFAULT_RETRY, backoffMs } from './transport';

describe('backoff', () => {
  it('grows exponentially with full jitter, capped', () => {
    expect(backoffMs(1, DEFAULT_RETRY, () => 0.999)).toBe(199);
    expect(backoffMs(3, DEFAULT_RETRY, () => 0.5)).toBe(400);
    expect(backoffMs(10, DEFAULT_RETRY, () => 0.999)).toBe(2997);
    expect(backoffMs(2, DEFAULT_RETRY, () => 0)).toBe(0);
  });

  it('uses Retry-After when Spintly sends it', () => {
    expect(backoffMs(1, DEFAULT_RETRY, () => 0.5, 2)).toBe(2000);
    expect(backoffMs(1, DEFAULT_RETRY, () => 0.5, Number.NaN)).toBe(100);
  });
});

describe('token refresh margin', () => {
  it('is a minute for long tokens and a tenth of the lifetime for short ones', () => {
    expect(refreshMarginMs(90 * 86_400)).toBe(60_000);
    expect(refreshMarginMs(120)).toBe(12_000);
  });
});

describe('redaction', () => {
  it('removes known secrets, JWTs and bearer values', () => {
    const redact = createRedactor(['super-secret-value']);
    const line = redact('secret=super-secret-value token=eyJhbGciOi.eyJzdWIi.c2ln auth=Bearer abc.def');
    expect(line).not.toContain('super-secret-value');
    expect(line).not.toContain('eyJhbGciOi');
    expect(line).not.toContain('abc.def');
  });
});

describe('ConcurrencyLimiter', () => {
  it('never runs more than its limit at once and runs everything', async () => {
    const limiter = new ConcurrencyLimiter(2);
    let active = 0;
    let peak = 0;
    const done = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        limiter.run(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 5));
          active--;
          return i;
        }),
      ),
    );
    expect(done).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(2);
  });

  it('takes a new limit while busy: lower holds new work back, higher lets waiting work start', async () => {
    const limiter = new ConcurrencyLimiter(4);
    let active = 0;
    const peaks: number[] = [];
    const gates: (() => void)[] = [];
    const work = () =>
      limiter.run(async () => {
        active++;
        peaks.push(active);
        await new Promise<void>((r) => gates.push(r));
        active--;
      });
    const all = Array.from({ length: 8 }, work);
    await new Promise((r) => setTimeout(r, 5));
    expect(active).toBe(4);
    limiter.limit = 2; // two instances now share the lane
    gates.splice(0).forEach((open) => open());
    await new Promise((r) => setTimeout(r, 5));
    expect(active).toBe(2);
    limiter.limit = 3;
    await new Promise((r) => setTimeout(r, 5));
    expect(active).toBe(3);
    while (active > 0 || gates.length > 0) {
      gates.splice(0).forEach((open) => open());
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(all);
    expect(Math.max(...peaks.slice(4))).toBeLessThanOrEqual(3);
  });
});

describe('TaggedCache', () => {
  it('shares one load between concurrent misses and forgets failures', async () => {
    const cache = new TaggedCache(1000);
    let loads = 0;
    const load = async () => {
      loads++;
      return loads;
    };
    expect(await Promise.all([cache.get('k', ['t'], load), cache.get('k', ['t'], load)])).toEqual([1, 1]);
    await expect(cache.get('bad', ['t'], () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('bad', ['t'], async () => 'ok')).toBe('ok');
    cache.invalidateTag('t');
    expect(await cache.get('k', ['t'], load)).toBe(2);
  });
});

describe('eachPage', () => {
  const list = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const fetcher = (items: number[], failOn?: number) => {
    const asked: number[] = [];
    const fetchPage = async (page: number, perPage: number) => {
      asked.push(page);
      await new Promise((resolve) => setTimeout(resolve, (page * 7) % 5)); // pages answer out of order
      if (page === failOn) throw new Error(`page ${page} failed`);
      return {
        items: items.slice((page - 1) * perPage, page * perPage),
        pagination: { currentPage: page, perPage, total: items.length },
      };
    };
    return { asked, fetchPage };
  };

  it('hands over every page once, one handler at a time, counting progress', async () => {
    const { fetchPage } = fetcher(list(1050));
    const seen: number[] = [];
    const progress: string[] = [];
    let inHandler = 0;
    let overlapped = false;
    await eachPage(
      fetchPage,
      async (items, p) => {
        overlapped ||= ++inHandler > 1;
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.push(...items);
        progress.push(`${p.read}/${p.total}`);
        inHandler--;
      },
      3,
    );
    expect(seen.sort((a, b) => a - b)).toEqual(list(1050));
    expect(progress).toEqual(Array.from({ length: 11 }, (_, i) => `${i + 1}/11`));
    expect(overlapped).toBe(false);
  });

  it('stops asking for pages after one fails, and rejects only once nothing is being handled', async () => {
    const { asked, fetchPage } = fetcher(list(5000), 4);
    let handled = 0;
    let settled = false;
    const walk = eachPage(
      fetchPage,
      async () => {
        handled++;
      },
      2,
    ).finally(() => (settled = true));
    await expect(walk).rejects.toThrow('page 4 failed');
    expect(settled).toBe(true);
    expect(asked.length).toBeLessThan(10); // not all 50 pages
    const handledAtEnd = handled;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(handled).toBe(handledAtEnd); // nothing handled after the walk said it failed
  });
});
