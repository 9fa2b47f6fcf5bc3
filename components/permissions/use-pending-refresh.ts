'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';

/**
 * While changes wait for door readers, re-reads the page with growing pauses (1 s, 2 s, 4 s … at most 30 s) and
 * stops as soon as nothing is waiting — or only changes already flagged as stuck are, since those wait on a reader
 * coming back online rather than on time.
 */
export function usePendingRefresh(waiting: boolean, readAt: number) {
  const router = useRouter();
  const attempt = useRef(0);
  useEffect(() => {
    if (!waiting) {
      attempt.current = 0;
      return;
    }
    const delay = Math.min(1000 * 2 ** attempt.current, 30_000);
    attempt.current++;
    const timer = setTimeout(() => router.refresh(), delay);
    return () => clearTimeout(timer);
  }, [waiting, readAt, router]);
}

export function isStuck(since: string | null, readAt: number, stuckAfterMs: number): boolean {
  return since !== null && readAt - Date.parse(since) >= stuckAfterMs;
}
