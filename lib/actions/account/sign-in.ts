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
};
const WRONG = 'Wrong email or password.';

export async function signInAction(input: SignInInput): Promise<ActionResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, message: 'Enter your email and password.', fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await signIn('credentials', {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackUrl(parsed.data.callbackUrl),
    });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as { code?: string }).code ?? '';
      return { ok: false, message: MESSAGES[code] ?? WRONG };
    }
    throw error; // the redirect that follows a successful sign-in
  }
  return { ok: true };
}

export async function signInWithSsoAction(): Promise<void> {
  await signIn('oidc', { redirectTo: '/' });
}
