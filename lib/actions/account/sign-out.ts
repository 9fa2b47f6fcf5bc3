'use server';

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
