'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Button } from './button';

/** Reads the page again (the server renders it afresh, keeping the URL and so every filter). */
export function RetryButton() {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button size="sm" variant="secondary" pending={pending} onClick={() => start(() => router.refresh())}>
      Retry
    </Button>
  );
}
