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

/**
 * Who is asking, read fresh on every request: the session cookie names the operator and the session, and their
 * status, role, sites and session version come from the database, as does whether this session was signed out — so
 * signing out, disabling someone or changing their role takes effect at once, on every instance.
 * Cached per request (React cache), so a page and its components share one lookup.
 */
export type SessionOperator = Pick<
  Operator,
  'id' | 'email' | 'name' | 'role' | 'siteIds' | 'companyIds' | 'mustChangePassword'
>;

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
  const { id: operatorId, email, name, role, siteIds, companyIds, mustChangePassword } = operator;
  return { id: operatorId, email, name, role, siteIds, companyIds, mustChangePassword };
});

/**
 * For pages: the signed-in operator, or a redirect to sign-in. An operator still on a one-time password is sent to
 * /account to choose their own; one without the capability gets the 403 page.
 */
export async function verifySession(options: { capability?: Capability; passwordChangePage?: boolean } = {}) {
  const operator = await currentOperator();
  if (!operator) redirect('/sign-in');
  if (operator.mustChangePassword && !options.passwordChangePage) redirect('/account?first=1');
  if (options.capability && !can(operator, options.capability)) forbidden();
  return operator;
}
