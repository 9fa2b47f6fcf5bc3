'use server';

import { revalidatePath } from 'next/cache';
import { operators } from '../../operators';
import { operatorIdSchema } from '../../validation/operators';
import { defineAction } from '../safe-action';

/** Gives an operator a new one-time password; their sessions end and they choose a new password at sign-in. */
export const resetOperatorPasswordAction = defineAction({
  name: 'operators.reset_password',
  capability: 'operators:manage',
  input: operatorIdSchema,
  targets: (input) => [{ type: 'operator' as const, id: input.operatorId }],
  async run(input) {
    const store = await operators();
    const oneTimePassword = await store.resetPassword(input.operatorId);
    const target = await store.get(input.operatorId);
    revalidatePath('/operators');
    return {
      data: { email: target?.email ?? '', oneTimePassword },
      message: 'Password reset. Give the one-time password to the operator.',
    };
  },
});
