'use client';

import { useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { signOutAction } from '@/lib/actions/account/sign-out';

export function SignOutButton() {
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="ghost"
      size="sm"
      pending={pending}
      onClick={() => startTransition(async () => void (await signOutAction(null, {})))}
    >
      Sign out
    </Button>
  );
}
