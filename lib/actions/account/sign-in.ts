'use server';

import { AuthError } from 'next-auth';
import { signIn } from '../../auth';
import { safeCallbackUrl } from '../../auth/callback-url';
import { signInSchema, type SignInInput } from '../../validation/operators';
import { fieldErrorsOf, type ActionResult } from '../safe-action';

/**
 * Signs an operator in. It cannot go through the action factory (nobody is signed in yet); it validates its input
 * with the same zod schema as the form, and Auth.js's `authorize` limits attempts and writes the audit record.
 */
const MESSAGES: Record<string, string> = {
  rate_limited: 'Too many failed sign-ins. Wait 15 minutes and try again, or ask a super admin to reset your password.',
  second_factor: 'Enter the 6-digit code from your authenticator app, or one of your backup codes.',
  code_refused: 'That code did not work. Enter the code your app shows now, or an unused backup code.',
};
/** The refusals the form branches on: it stays on (or moves to) the code step. */
const CODE_STEP = new Set(['second_factor', 'code_refused']);
const WRONG = 'Wrong email or password.';

export async function signInAction(input: SignInInput): Promise<ActionResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, message: 'Enter your email and password.', fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await signIn('credentials', {
      email: parsed.data.email,
      password: parsed.data.password,
      ...(parsed.data.code && { code: parsed.data.code }),
      redirectTo: safeCallbackUrl(parsed.data.callbackUrl),
    });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as { code?: string }).code ?? '';
      return { ok: false, message: MESSAGES[code] ?? WRONG, ...(CODE_STEP.has(code) && { code }) };
    }
    throw error; // the redirect that follows a successful sign-in
  }
  return { ok: true };
}

export async function signInWithSsoAction(): Promise<void> {
  await signIn('oidc', { redirectTo: '/' });
}
