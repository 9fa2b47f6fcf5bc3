'use server';

import { z } from 'zod';
import { currentSessionToken } from '../../auth/session';
import { secondFactors } from '../../auth/second-factor';
import { recordStepUp } from '../../auth/step-up';
import { Refusal } from '../../core/refusal';
import { db } from '../../db';
import { portalEnv } from '../../env';
import { secondFactorCodeSchema } from '../../validation/operators';
import { defineAction } from '../safe-action';

const factorsNow = async () => secondFactors(await db(), portalEnv().auth.secret!);

/**
 * Confirms the operator's own enrolment with the first code their app shows; answers the 10 backup codes, which are
 * shown once. Allowed while REQUIRE_2FA still holds the operator at this step. The code just entered also counts as
 * a step-up for this session.
 */
export const confirmSecondFactorAction = defineAction<
  typeof secondFactorCodeSchema,
  { backupCodes: string[] },
  'auth.2fa_enrol'
>({
  name: 'auth.2fa_enrol',
  capability: 'account',
  input: secondFactorCodeSchema,
  targets: () => [],
  allowDuringSetup: true,
  async run(input, { operator }) {
    const backupCodes = await (await factorsNow()).confirmEnrolment(operator.id, input.code);
    if (!backupCodes)
      throw new Refusal(
        'That code did not work. Check that your phone sets its time automatically, then enter the code the app shows now.',
        { reason: 'credentials', field: 'code' },
      );
    const token = await currentSessionToken();
    if (token?.sid) await recordStepUp(await db(), token.sid, operator.id);
    return { data: { backupCodes }, message: 'Two-factor sign-in is on.' };
  },
});

/** New backup codes for the operator's own account (the old ones stop working); asks for a fresh code first. */
export const renewBackupCodesAction = defineAction<z.ZodUnknown, { backupCodes: string[] }, 'auth.2fa_backup_codes'>({
  name: 'auth.2fa_backup_codes',
  capability: 'account',
  input: z.unknown(),
  targets: () => [],
  stepUp: true,
  async run(_input, { operator }) {
    const backupCodes = await (await factorsNow()).renewBackupCodes(operator.id);
    return { data: { backupCodes }, message: 'New backup codes made. The old ones no longer work.' };
  },
});
