import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { headers } from 'next/headers';
import { cache } from 'react';
import { db } from '../db';
import { portalEnv } from '../env';
import { operatorStore, type Operator } from '../operators/store';
import { can, type Capability } from './permissions';
import { isSessionRevoked } from './session-revocations';
import { readSessionToken, sessionSettings } from './session-token';
import { policyCovers } from './second-factor-policy';
import { setupPending, SETUP_PAGES } from './setup';

/**
 * Who is asking, read fresh on every request: the session cookie names the operator and the session, and their
 * status, role, sites and session version come from the database, as does whether this session was signed out — so
 * signing out, disabling someone or changing their role takes effect at once, on every instance.
 * Cached per request (React cache), so a page and its components share one lookup.
 */
export type SessionOperator = Pick<
  Operator,
  'id' | 'email' | 'name' | 'role' | 'siteIds' | 'companyIds' | 'mustChangePassword' | 'secondFactorSince'
> & {
  /** REQUIRE_2FA covers this operator and session, and they have no second factor yet: enrolment comes first. */
  mustEnrolSecondFactor: boolean;
};

/** The signed-in session's cookie claims (operator id, session id, sign-in time), or null. */
export const currentSessionToken = cache(async () => {
  const requestHeaders = await headers();
  return readSessionToken(requestHeaders, sessionSettings(requestHeaders, portalEnv().auth));
});

export const currentOperator = cache(async (): Promise<SessionOperator | null> => {
  const token = await currentSessionToken();
  const id = token?.sub;
  if (!token || !id || typeof token.sid !== 'string') return null;
  const database = await db();
  const [operator, revoked] = await Promise.all([
    operatorStore(database).get(id),
    isSessionRevoked(database, token.sid),
  ]);
  if (revoked || !operator || operator.status !== 'active' || operator.sessionVersion !== token.sv) return null;
  const { id: operatorId, email, name, role, siteIds, companyIds, mustChangePassword, secondFactorSince } = operator;
  const mustEnrolSecondFactor =
    !secondFactorSince && policyCovers(portalEnv().auth.secondFactorPolicy, role, token.method ?? 'password');
  return {
    id: operatorId,
    email,
    name,
    role,
    siteIds,
    companyIds,
    mustChangePassword,
    secondFactorSince,
    mustEnrolSecondFactor,
  };
});

/**
 * For pages: the signed-in operator, or a redirect to sign-in. An operator still on a one-time password is sent to
 * /account to choose their own, then one the 2FA policy covers to set up a second factor (`setupPage` names the
 * page that does that step); one without the capability gets the 403 page.
 */
export async function verifySession(
  options: { capability?: Capability; setupPage?: 'password' | 'second_factor' } = {},
) {
  const operator = await currentOperator();
  if (!operator) redirect('/sign-in');
  const pending = setupPending(operator);
  if (pending && options.setupPage !== pending) redirect(SETUP_PAGES[pending]);
  if (options.capability && !can(operator, options.capability)) forbidden();
  return operator;
}
