import 'server-only';
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { writeAudit } from '../audit/log';
import { db } from '../db';
import { ConfigError, portalEnv } from '../env';
import { operatorStore } from '../operators/store';
import { baseAuthConfig } from './config';
import { clearAccountFailures, clientAddress, isSignInLimited, limitKeys, recordFailedSignIn } from './sign-in-limit';

/** Shown as the reason on the sign-in page; codes travel in URLs, so they say nothing about which part was wrong. */
export class SignInLimited extends CredentialsSignin {
  override code = 'rate_limited';
}
export class OperatorDisabled extends CredentialsSignin {
  override code = 'disabled';
}

const credentialsSchema = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(256),
});

async function audit(
  email: string,
  outcome: 'ok' | 'denied' | 'invalid',
  detail: string,
  operator?: { id: string; role: string },
) {
  await writeAudit(await db(), {
    operatorId: operator?.id ?? null,
    operatorEmail: email.toLowerCase(),
    operatorRole: operator?.role ?? null,
    action: 'auth.sign_in',
    targetType: 'operator',
    targetIds: operator ? [operator.id] : [],
    siteId: null,
    outcome,
    spintlyStatus: null,
    durationMs: 0,
    detail,
  });
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
          const keys = limitKeys(email, clientAddress(request.headers));
          if (await isSignInLimited(database, keys)) {
            await audit(email, 'denied', 'too many failed sign-ins');
            throw new SignInLimited();
          }
          const operator = await operatorStore(database).verifyCredentials(email, password);
          if (!operator) {
            await recordFailedSignIn(database, keys);
            await audit(email, 'denied', 'wrong email or password');
            return null;
          }
          if (operator.status !== 'active') {
            await audit(email, 'denied', 'operator disabled', operator);
            throw new OperatorDisabled();
          }
          await clearAccountFailures(database, email);
          await audit(email, 'ok', 'password', operator);
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
      // Single sign-on admits only an existing, active operator with the same email.
      async signIn({ user, account }) {
        if (account?.provider !== 'oidc') return true;
        const operator = user.email ? await operatorStore(await db()).getByEmail(user.email) : null;
        const ok = operator?.status === 'active';
        await audit(
          user.email ?? 'unknown',
          ok ? 'ok' : 'denied',
          ok ? 'single sign-on' : 'no active operator with this email',
          operator ?? undefined,
        );
        return ok;
      },
      async jwt({ token, user, account }) {
        if (!user) return token;
        if (account?.provider === 'oidc') {
          const operator = await operatorStore(await db()).getByEmail(user.email ?? '');
          if (!operator) return null;
          return { ...token, sub: operator.id, sv: operator.sessionVersion };
        }
        return { ...token, sub: user.id, sv: user.sessionVersion };
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
