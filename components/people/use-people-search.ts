'use client';

import { useEffect, useState } from 'react';

/** The people-search endpoint; `card` asks for the holder of exactly that card number. */
export async function fetchPeople<T>(params: { q?: string; card?: string }, signal?: AbortSignal): Promise<T[]> {
  const search = new URLSearchParams(params);
  const response = await fetch(`/api/people/search?${search}`, { signal });
  if (!response.ok) throw new Error(String(response.status));
  return ((await response.json()) as { people: T[] }).people;
}

/**
 * People matching `query` in the operator's sites, via /api/people/search; debounced, stale answers dropped.
 * `settled` is true once the results shown are the answer for the query as typed now (not an earlier one), so a
 * caller acting on Enter can wait for a search still running.
 */
export function usePeopleSearch<T>(query: string, delayMs = 200) {
  const typed = query.trim();
  const [answer, setAnswer] = useState<{ query: string; results: T[] }>({ query: '', results: [] });
  const [status, setStatus] = useState<'idle' | 'loading' | 'error'>('idle');
  const ready = typed.length >= 2;

  useEffect(() => {
    if (!ready) return;
    const controller = new AbortController();
    const search = async () => {
      setStatus('loading');
      try {
        setAnswer({ query: typed, results: await fetchPeople<T>({ q: typed }, controller.signal) });
        setStatus('idle');
      } catch (error) {
        if ((error as Error).name !== 'AbortError') setStatus('error');
      }
    };
    const timer = setTimeout(() => void search(), delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [typed, ready, delayMs]);

  return {
    results: ready ? answer.results : [],
    status,
    ready,
    settled: ready && answer.query === typed && status !== 'loading',
  };
}
