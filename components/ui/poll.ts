'use client';

import { useEffect, useRef } from 'react';

export interface PollOptions {
  intervalMs: number;
  /** Aborting stops the loop (and the request in flight). */
  signal?: AbortSignal | undefined;
  /** Ask at once instead of after the first interval. */
  immediate?: boolean;
}

/**
 * Asks `url` for JSON every `intervalMs`, one request at a time (the next waits for the last), until `onAnswer`
 * returns true or `signal` aborts. A failed request — a network blip, a non-2xx answer — is simply asked again at the
 * next tick, so a follower never dies of one bad moment. Resolves true when `onAnswer` said done, false when aborted.
 * The one poll loop of the browser side: the live activity list, a directory re-read and a job's progress use it.
 */
export async function pollJson<T>(
  url: string | (() => string),
  onAnswer: (answer: T) => boolean | void,
  { intervalMs, signal, immediate = false }: PollOptions,
): Promise<boolean> {
  let wait = !immediate;
  while (!signal?.aborted) {
    if (wait && !(await pause(intervalMs, signal))) break;
    wait = true;
    try {
      const response = await fetch(typeof url === 'string' ? url : url(), { cache: 'no-store', signal });
      if (!response.ok) continue;
      const answer = (await response.json()) as T;
      if (signal?.aborted) break;
      if (onAnswer(answer) === true) return true;
    } catch {
      // asked again at the next tick
    }
  }
  return false;
}

/** Waits `ms`; false when aborted first. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve(true);
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/**
 * `pollJson` for as long as a component is mounted and `active` holds; it starts again when a value in `restartOn`
 * changes. `onAnswer` is always the latest render's, so it may read current props and state.
 */
export function usePoll<T>(
  url: string | (() => string),
  onAnswer: (answer: T) => boolean | void,
  {
    intervalMs,
    active = true,
    immediate = false,
    restartOn = [],
  }: {
    intervalMs: number;
    active?: boolean;
    immediate?: boolean;
    restartOn?: readonly unknown[];
  },
) {
  const latest = useRef({ url, onAnswer });
  useEffect(() => {
    latest.current = { url, onAnswer };
  });
  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    void pollJson<T>(
      () => {
        const { url } = latest.current;
        return typeof url === 'string' ? url : url();
      },
      (answer) => latest.current.onAnswer(answer),
      { intervalMs, signal: controller.signal, immediate },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- restarts on the caller's own list
  }, [active, intervalMs, immediate, ...restartOn]);
}
