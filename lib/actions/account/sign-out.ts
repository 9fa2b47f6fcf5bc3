'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signOut } from '../../auth';
import { defineAction } from '../safe-action';

export const signOutAction = defineAction({
  name: 'auth.sign_out',
  capability: 'account',
  input: z.unknown(),
  targets: () => [],
  allowDuringPasswordChange: true,
  async run() {
    await signOut({ redirect: false });
    return { redirectTo: '/sign-in' };
  },
});

/** The same, as a plain form's action (a form wants no result back): signs out, or redirects if not signed in. */
export async function signOutFormAction(): Promise<void> {
  // Success redirects from inside the action; not being signed in any more ends at the same place.
  const result = await signOutAction(null, {});
  if (!result.ok) redirect('/sign-in');
}
