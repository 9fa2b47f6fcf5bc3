'use server';

import { headers } from 'next/headers';
import { audit } from '../../audit/log';
import { auditCodeRefused } from '../../auth/second-factor-audit';
import { secondFactors } from '../../auth/second-factor';
import { currentOperator, currentSessionToken } from '../../auth/session';
import { clientAddress, isSignInLimited, limitKeys, recordFailedSignIn } from '../../auth/sign-in-limit';
import { recordStepUp } from '../../auth/step-up';
import { db } from '../../db';
import { portalEnv } from '../../env';
import { secondFactorCodeSchema } from '../../validation/operators';
import { fieldErrorsOf, type ActionResult } from '../safe-action';

const REFUSED = 'That code did not work. Enter the code your app shows now, or an unused backup code.';
const LIMITED = 'Too many codes that did not work. Wait 15 minutes, then try again.';

/**
 * Re-enters a second-factor code for this session (step-up), so the dangerous actions go ahead for 10 minutes.
 * Written by hand rather than with defineAction because its audit record depends on the code: `auth.step_up` when it
 * works, `auth.2fa_failed` when it does not (one record, not a refusal of the one plus a record of the other). It
 * authenticates, validates and limits like the sign-in: a wrong code counts toward the account's sign-in limits.
 */
export async function stepUpAction(_previous: unknown, input: unknown): Promise<ActionResult> {
  const operator = await currentOperator();
  const token = await currentSessionToken();
  if (!operator || typeof token?.sid !== 'string')
    return { ok: false, message: 'Your session has ended. Sign in again.' };
  const parsed = secondFactorCodeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'Enter the code.', fieldErrors: fieldErrorsOf(parsed.error) };
  if (!operator.secondFactorSince)
    return { ok: false, message: 'Set up two-factor sign-in on your account page first.' };

  const database = await db();
  const { auth } = portalEnv();
  const address = clientAddress(await headers(), auth.trustedProxyHops);
  const keys = limitKeys(operator.email, address);
  if (await isSignInLimited(database, keys)) return { ok: false, message: LIMITED };
  const used = await secondFactors(database, auth.secret!).redeem(operator.id, parsed.data.code);
  if (!used) {
    await recordFailedSignIn(database, keys);
    await auditCodeRefused(operator, 'step_up', address);
    return { ok: false, message: REFUSED };
  }
  await recordStepUp(database, token.sid, operator.id);
  await audit.record(database, operator, 'auth.step_up', {
    outcome: 'ok',
    targets: [{ type: 'operator', id: operator.id, name: operator.name }],
    facts: { secondFactor: used },
  });
  return { ok: true };
}
