import type { OperatorRole } from '../db/schema';

/** REQUIRE_2FA: which operators must sign in with a second factor. */
export const SECOND_FACTOR_POLICIES = ['super_admin', 'all', 'off'] as const;
export type SecondFactorPolicy = (typeof SECOND_FACTOR_POLICIES)[number];

/** How a session was signed in: a session from single sign-on is exempt (the identity provider asks for its own). */
export type SignInMethod = 'password' | 'single_sign_on';

/** Whether the policy covers an operator of this role signing in this way. */
export function policyCovers(policy: SecondFactorPolicy, role: OperatorRole, method: SignInMethod): boolean {
  if (method === 'single_sign_on' || policy === 'off') return false;
  return policy === 'all' || role === 'super_admin';
}
