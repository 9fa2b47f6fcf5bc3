import { encode, getToken, type JWT, type JWTEncodeParams } from 'next-auth/jwt';
import type { PortalEnv } from '../env';

/**
 * The session cookie: what it carries and how it is read.
 *
 * Auth.js re-issues its token with a fresh `iat`, `jti` and `exp` whenever it touches the session (every
 * `GET /api/auth/session`), so neither says when the operator signed in. Two claims of our own do, and survive every
 * re-issue: `sid` (this session's id, which sign-out revokes in the database) and `signedInAt` (epoch seconds).
 * Every check measures the absolute limit from `signedInAt`, and `encodeCapped` never writes an `exp` past it.
 */
export interface SessionSettings {
  secret: string | undefined;
  /** Absolute session limit, from sign-in: `SESSION_MAX_AGE_H`. */
  maxAgeS: number;
  /** Served over HTTPS (directly or behind a TLS-terminating proxy): only the `__Secure-` cookie counts. */
  secure: boolean;
}

export const SESSION_COOKIE = 'authjs.session-token';
export const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

/** Seconds of the absolute limit left for a token, never negative; 0 for a token without `signedInAt`. */
export function secondsLeft(token: Pick<JWT, 'signedInAt'>, maxAgeS: number, nowS = Date.now() / 1000): number {
  if (typeof token.signedInAt !== 'number') return 0;
  return Math.max(0, Math.floor(token.signedInAt + maxAgeS - nowS));
}

/** Auth.js's own encoder, with the token's lifetime cut to what is left of the absolute limit. */
export function encodeCapped(maxAgeS: number) {
  return (params: JWTEncodeParams) => encode({ ...params, maxAge: secondsLeft(params.token ?? {}, maxAgeS) });
}

/**
 * Whether the portal is being served over HTTPS, the way Auth.js decides which cookie name to write: `AUTH_URL`'s
 * scheme when set, else the scheme the proxy in front reports.
 */
export function servedOverHttps(headers: Headers, authUrl: string | undefined): boolean {
  if (authUrl) return authUrl.startsWith('https:');
  return headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

/** How to read the session cookie on this request: the secret, the absolute limit and which cookie name counts. */
export function sessionSettings(headers: Headers, auth: PortalEnv['auth']): SessionSettings {
  return { secret: auth.secret, maxAgeS: auth.sessionMaxAgeS, secure: servedOverHttps(headers, auth.url) };
}

/**
 * The session cookie's content, decrypted and checked, or null: not expired, within the absolute limit from sign-in,
 * and carrying an operator id and a session id. Read only: unlike Auth.js's `auth()`, this never re-issues the cookie
 * (re-issuing on every response let a request in flight during sign-out put the session back) and skips Auth.js's
 * request/response round trip — `auth()` took ~7 ms per request here, this ~1 ms. Whether the session was signed out
 * is a database question, answered in `currentOperator`.
 *
 * Over HTTPS only the `__Secure-` cookie is read: a plain-named cookie can be planted by a sibling subdomain or a
 * plain-HTTP response (cookie tossing), a `__Secure-` one cannot.
 */
export async function readSessionToken(headers: Headers, settings: SessionSettings): Promise<JWT | null> {
  if (!settings.secret) return null;
  // Only the cookie counts: getToken would also accept an `Authorization: Bearer` header.
  const cookie = new Headers({ cookie: headers.get('cookie') ?? '' });
  const token = await getToken({ req: { headers: cookie }, secret: settings.secret, secureCookie: settings.secure });
  if (!token?.sub || typeof token.sid !== 'string' || secondsLeft(token, settings.maxAgeS) <= 0) return null;
  return token;
}
