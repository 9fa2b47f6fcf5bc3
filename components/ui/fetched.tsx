'use client';

import { useEffect, useState } from 'react';

export type Fetched<T> = { status: 'loading' } | { status: 'error' } | { status: 'ready'; data: T };

/**
 * A portal route's JSON, read when the component mounts (a form or dialog being opened) rather than carried on every
 * view of the page; `retry` reads it again after a failure.
 */
export function useFetchedJson<T>(url: string) {
  const [answer, setAnswer] = useState<Fetched<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    fetch(url, { cache: 'no-store', signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        setAnswer({ status: 'ready', data: (await response.json()) as T });
      })
      .catch((error: unknown) => {
        if ((error as Error).name !== 'AbortError') setAnswer({ status: 'error' });
      });
    return () => controller.abort();
  }, [url, attempt]);
  const retry = () => {
    setAnswer({ status: 'loading' });
    setAttempt((n) => n + 1);
  };
  return { answer, retry };
}

/** "Loading …" while the answer is on its way, "… could not be loaded. Try again" when it failed; nothing once ready. */
export function FetchStatus({
  answer,
  retry,
  loading,
  failed,
}: {
  answer: Fetched<unknown>;
  retry: () => void;
  loading: string;
  failed: string;
}) {
  if (answer.status === 'loading')
    return (
      <p role="status" className="mt-1 text-sm text-slate-600">
        {loading}
      </p>
    );
  if (answer.status === 'error')
    return (
      <p role="alert" className="mt-1 text-sm text-red-700">
        {failed}{' '}
        <button type="button" className="underline" onClick={retry}>
          Try again
        </button>
      </p>
    );
  return null;
}
