import 'server-only';
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import type { FactsOf } from '../audit/actions';
import { audit } from '../audit/log';
import { db } from '../db';
import { ConfigError, portalEnv } from '../env';
import { operatorStore } from '../operators/store';
import { randomUUID } from 'node:crypto';
import { baseAuthConfig } from './config';
import { encodeCapped, secondsLeft } from './session-token';
import { auditCodeRefused } from './second-factor-audit';
import { secondFactors, type CodeKind } from './second-factor';
import type { SignInMethod } from './second-factor-policy';
import { clearAccountFailures, clientAddress, isSignInLimited, limitKeys, recordFailedSignIn } from './sign-in-limit';

/** Shown as the reason on the sign-in page; codes travel in URLs, so they say nothing about which part was wrong. */
export class SignInLimited extends CredentialsSignin {
  override code = 'rate_limited';
}

/** The password was right and the operator has a second factor: the form asks for a code (no session yet). */
export class SecondFactorNeeded extends CredentialsSignin {
  override code = 'second_factor';
}

/** A code that did not work — wrong, reused or expired alike (saying which would help a guesser). */
export class SecondFactorRefused extends CredentialsSignin {
  override code = 'code_refused';
}

/** A new session's own claims: its id (for sign-out), the sign-in time (for the absolute limit) and how. */
const newSession = (method: SignInMethod) => ({
  sid: randomUUID(),
  signedInAt: Math.floor(Date.now() / 1000),
  method,
});

const credentialsSchema = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(256),
  /** The second step: a code from the operator's app, or a backup code. */
  code: z.string().trim().max(32).optional(),
});

/** A sign-in attempt in the audit log: who tried (the email they typed, the operator when known) and how it ended. */
async function auditSignIn(
  email: string,
  outcome: 'ok' | 'denied' | 'invalid',
  detail: string,
  operator: { id: string; role: string; name: string } | undefined,
  how: FactsOf<'auth.sign_in'>,
) {
  await audit.record(
    await db(),
    {
      id: operator?.id ?? null,
      email: email.toLowerCase(),
      role: operator?.role ?? null,
      name: operator?.name ?? null,
    },
    'auth.sign_in',
    {
      outcome,
      targets: operator ? [{ type: 'operator', id: operator.id, name: operator.name }] : [],
      detail,
      facts: how,
      reason: outcome === 'ok' ? null : outcome === 'invalid' ? 'validation' : 'credentials',
    },
  );
}

function buildConfig(): NextAuthConfig {
  const env = portalEnv();
  if (!env.auth.secret)
    throw new ConfigError(
      'AUTH_SECRET is not set: generate one with `openssl rand -base64 32` and set it for the portal.',
    );
  const oidc = env.auth.oidc;

  return {
    ...baseAuthConfig,
    session: { ...baseAuthConfig.session, maxAge: env.auth.sessionMaxAgeS },
    // Auth.js re-issues the token on every session read with exp = now + maxAge; capped, no read extends a session.
    jwt: { encode: encodeCapped(env.auth.sessionMaxAgeS) },
    secret: env.auth.secret,
    trustHost: env.auth.trustHost,
    providers: [
      Credentials({
        credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
        async authorize(raw, request) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const database = await db();
          const address = clientAddress(request.headers, env.auth.trustedProxyHops);
          const how = { method: 'password' as const, address };
          const keys = limitKeys(email, address);
          if (await isSignInLimited(database, keys)) {
            await auditSignIn(email, 'denied', 'too many failed sign-ins', undefined, how);
            throw new SignInLimited();
          }
          const operator = await operatorStore(database).verifyCredentials(email, password);
          // A disabled account gets the same answer as a wrong password, and counts the same towards the limits:
          // a different one would tell a guesser that the password was right.
          if (!operator || operator.status !== 'active') {
            await recordFailedSignIn(database, keys);
            await auditSignIn(
              email,
              'denied',
              operator ? 'operator disabled' : 'wrong email or password',
              operator ?? undefined,
              how,
            );
            return null;
          }
          // A second factor, when the operator has one: the session is issued only with a code that works.
          let secondFactor: CodeKind | undefined;
          if (operator.secondFactorSince) {
            if (!parsed.data.code) throw new SecondFactorNeeded();
            const used = await secondFactors(database, env.auth.secret!).redeem(operator.id, parsed.data.code);
            if (!used) {
              await recordFailedSignIn(database, keys);
              await auditCodeRefused(operator, 'sign_in', address);
              throw new SecondFactorRefused();
            }
            secondFactor = used;
          }
          await clearAccountFailures(database, email);
          await auditSignIn(email, 'ok', 'password', operator, { ...how, ...(secondFactor && { secondFactor }) });
          return {
            id: operator.id,
            email: operator.email,
            name: operator.name,
            sessionVersion: operator.sessionVersion,
          };
        },
      }),
      ...(oidc
        ? [
            {
              id: 'oidc',
              name: oidc.name,
              type: 'oidc' as const,
              issuer: oidc.issuer,
              clientId: oidc.clientId,
              clientSecret: oidc.clientSecret,
            },
          ]
        : []),
    ],
    callbacks: {
      ...baseAuthConfig.callbacks,
      // Single sign-on admits only an existing, active operator with the same email — an email the identity provider
      // has verified (one that says `email_verified: false` could be anyone's claim). No operator is ever created.
      async signIn({ user, account, profile }) {
        if (account?.provider !== 'oidc') return true;
        const verified = profile?.email_verified !== false;
        const operator = user.email && verified ? await operatorStore(await db()).getByEmail(user.email) : null;
        const ok = operator?.status === 'active';
        await auditSignIn(
          user.email ?? 'unknown',
          ok ? 'ok' : 'denied',
          ok
            ? 'single sign-on'
            : !verified
              ? 'single sign-on: email not verified by the identity provider'
              : operator
                ? 'single sign-on: operator disabled'
                : 'single sign-on: no operator with this email',
          operator ?? undefined,
          // The provider's callback reaches Auth.js without the request's headers here: the address is not known.
          { method: 'single_sign_on', address: null },
        );
        return ok;
      },
      async jwt({ token, user, account }) {
        // A re-issue keeps the session's own claims; one past the absolute limit (or without them) ends instead.
        if (!user) return secondsLeft(token, env.auth.sessionMaxAgeS) > 0 ? token : null;
        if (account?.provider === 'oidc') {
          const operator = await operatorStore(await db()).getByEmail(user.email ?? '');
          if (!operator) return null;
          return { ...token, sub: operator.id, sv: operator.sessionVersion, ...newSession('single_sign_on') };
        }
        return { ...token, sub: user.id, sv: user.sessionVersion, ...newSession('password') };
      },
    },
  };
}

export const { handlers, signIn, signOut } = NextAuth(() => buildConfig());

/** Whether single sign-on is configured, for the sign-in page. */
export function singleSignOn(): { name: string } | null {
  const oidc = portalEnv().auth.oidc;
  return oidc ? { name: oidc.name } : null;
}
