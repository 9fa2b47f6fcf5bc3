'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { secondFactors } from '../../auth/second-factor';
import { forgetStepUps } from '../../auth/step-up';
import { Refusal } from '../../core/refusal';
import { db } from '../../db';
import { portalEnv } from '../../env';
import { operatorStore } from '../../operators/store';
import { defineAction } from '../safe-action';

/**
 * A super admin resets another operator's second factor (a lost phone): the key and backup codes are removed, every
 * session of theirs ends, and they set it up again at their next sign-in (REQUIRE_2FA permitting). Asks the super
 * admin for a fresh code first. Not for one's own account: nobody removes their own factor this way.
 */
export const resetSecondFactorAction = defineAction({
  name: 'auth.2fa_reset',
  capability: 'operators:manage',
  input: z.object({ operatorId: z.string().uuid() }),
  targets: (input) => [{ type: 'operator' as const, id: input.operatorId }],
  stepUp: true,
  async run({ operatorId }, { operator }) {
    if (operatorId === operator.id)
      throw new Refusal('You cannot reset your own two-factor sign-in. Ask another super admin.');
    const database = await db();
    const store = operatorStore(database);
    const target = await store.get(operatorId);
    if (!target) throw new Refusal('That operator no longer exists.', { reason: 'not_found' });
    if (!(await secondFactors(database, portalEnv().auth.secret!).reset(operatorId)))
      throw new Refusal(`${target.name} has no two-factor sign-in to reset.`);
    await store.endAllSessions(operatorId);
    await forgetStepUps(database, operatorId);
    revalidatePath('/operators');
    return { message: `${target.name} is signed out everywhere and will set up two-factor sign-in again.` };
  },
});
