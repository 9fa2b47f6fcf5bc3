'use client';

import { useEffect, useState } from 'react';

/** People matching `query` in the operator's sites, via /api/people/search; debounced, stale answers dropped. */
export function usePeopleSearch<T>(query: string, delayMs = 200) {
  const [results, setResults] = useState<T[]>([]);
  const [status, setStatus] = useState<'idle' | 'loading' | 'error'>('idle');
  const ready = query.trim().length >= 2;

  useEffect(() => {
    if (!ready) return;
    const controller = new AbortController();
    const search = async () => {
      setStatus('loading');
      try {
        const response = await fetch(`/api/people/search?q=${encodeURIComponent(query.trim())}`, {
          signal: controller.signal,
        });
        if (!response.ok) throw new Error(String(response.status));
        setResults(((await response.json()) as { people: T[] }).people);
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
  }, [query, ready, delayMs]);

  return { results: ready ? results : [], status, ready };
}
