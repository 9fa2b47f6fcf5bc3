'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signOut } from '../../auth';
import { pruneSessionRevocations, revokeSession } from '../../auth/session-revocations';
import { currentSessionToken } from '../../auth/session';
import { db } from '../../db';
import { operatorStore } from '../../operators/store';
import { defineAction } from '../safe-action';

/**
 * Ends this session on the server, not just in this browser: its id is revoked in the database (so a copy of the
 * cookie stops working on every instance), then the cookie is cleared. Other devices stay signed in.
 */
export const signOutAction = defineAction({
  name: 'auth.sign_out',
  capability: 'account',
  input: z.unknown(),
  targets: () => [],
  allowDuringSetup: true,
  async run(_input, { operator }) {
    const token = await currentSessionToken();
    const database = await db();
    if (token?.sid)
      await revokeSession(database, {
        sid: token.sid,
        operatorId: operator.id,
        expiresAt: new Date((token.exp ?? Date.now() / 1000) * 1000),
      });
    // Rows for tokens that have expired since are no longer needed; sign-out is a rare, cheap moment to drop them.
    await pruneSessionRevocations(database);
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

/** Ends every session of this operator, on every device, this one included (the session version moves on). */
export const signOutEverywhereAction = defineAction({
  name: 'auth.sign_out_everywhere',
  capability: 'account',
  input: z.unknown(),
  targets: () => [],
  allowDuringSetup: true,
  async run(_input, { operator }) {
    await operatorStore(await db()).endAllSessions(operator.id);
    await signOut({ redirect: false });
    return { redirectTo: '/sign-in' };
  },
});

export async function signOutEverywhereFormAction(): Promise<void> {
  const result = await signOutEverywhereAction(null, {});
  if (!result.ok) redirect('/sign-in');
}
