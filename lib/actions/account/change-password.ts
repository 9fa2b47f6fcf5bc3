'use server';

import { operators } from '../../operators';
import { signOut } from '../../auth';
import { changePasswordSchema } from '../../validation/operators';
import { defineAction } from '../safe-action';

/**
 * The operator's own password change. Every session, this one included, ends with it: the operator signs in again
 * with the new password, so a stolen session cannot outlive a password change.
 */
export const changePasswordAction = defineAction({
  name: 'account.change_password',
  capability: 'account',
  input: changePasswordSchema,
  targets: () => [],
  allowDuringSetup: true,
  async run(input, { operator }) {
    const store = await operators();
    await store.changePassword(operator.id, input.currentPassword, input.newPassword);
    await signOut({ redirect: false });
    return { redirectTo: '/sign-in?changed=1' };
  },
});
