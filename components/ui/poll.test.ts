import { afterEach, describe, expect, it, vi } from 'vitest';
import { pollJson } from './poll';

const answers = (...bodies: (object | 'fail' | 500)[]) => {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      asked.push(url);
      const next = bodies.shift() ?? { n: -1 };
      if (next === 'fail') throw new TypeError('network');
      if (next === 500) return new Response('{}', { status: 500 });
      return new Response(JSON.stringify(next), { status: 200 });
    }),
  );
  return asked;
};

afterEach(() => vi.unstubAllGlobals());

describe('pollJson: the browser side’s one poll loop', () => {
  it('asks until the answer says done, through network blips and error answers', async () => {
    const asked = answers('fail', 500, { n: 1 }, { n: 2 });
    const seen: number[] = [];
    const done = await pollJson<{ n: number }>('/status', ({ n }) => (seen.push(n), n === 2), { intervalMs: 1 });
    expect(done).toBe(true);
    expect(seen).toEqual([1, 2]);
    expect(asked).toHaveLength(4);
  });

  it('reads the address at each ask, so a cursor moves with what arrived', async () => {
    const asked = answers({ n: 1 }, { n: 2 });
    let cursor = 0;
    await pollJson<{ n: number }>(
      () => `/live?after=${cursor}`,
      ({ n }) => ((cursor = n), n === 2),
      {
        intervalMs: 1,
        immediate: true,
      },
    );
    expect(asked).toEqual(['/live?after=0', '/live?after=1']);
  });

  it('stops when aborted, without another ask', async () => {
    const asked = answers();
    const controller = new AbortController();
    const polling = pollJson('/status', () => false, { intervalMs: 60_000, signal: controller.signal });
    controller.abort();
    expect(await polling).toBe(false);
    expect(asked).toEqual([]);
  });
});
