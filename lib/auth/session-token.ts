import { createHash } from 'node:crypto';
import { encode, getToken, type JWT, type JWTEncodeParams } from 'next-auth/jwt';
import { setBounded } from '../core/bounded-map';
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
  const name = settings.secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  // Only the session cookie counts (and its chunks, should Auth.js have split it): getToken would also accept an
  // `Authorization: Bearer` header. The same text is what the decrypted claims are remembered by.
  const sessionCookie = (headers.get('cookie') ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${name}=`) || pair.startsWith(`${name}.`))
    .join('; ');
  if (!sessionCookie) return null;
  const key = decodedKey(settings.secret, sessionCookie);
  let token: JWT | null | undefined = decodedSessions.recall(key);
  if (token === undefined) {
    const cookie = new Headers({ cookie: sessionCookie });
    token = await getToken({ req: { headers: cookie }, secret: settings.secret, secureCookie: settings.secure });
    if (token) decodedSessions.remember(key, token);
  }
  if (!token?.sub || typeof token.sid !== 'string' || secondsLeft(token, settings.maxAgeS) <= 0) return null;
  return token;
}

/**
 * Decrypted session cookies, by a hash of the secret and the cookie: the proxy and then the page read the same cookie
 * on every request, and each decryption (a key derivation and AES, on libuv's thread pool) cost the page 3–4 ms while
 * the render kept the event loop busy. Only cookies that decrypted are kept, until their `exp` and at most 5 minutes,
 * 1,000 at most (oldest dropped first); the claims are checked again on every read, and whether the session was
 * signed out is still asked of the database on every request (`currentOperator`). Shared by Next's bundles (the
 * proxy's and the pages') through a registered global symbol.
 */
const DECODED_SESSIONS = Symbol.for('spintly-portal.decoded-sessions');
const KEEP_DECODED_MS = 5 * 60_000;
const MAX_DECODED = 1000;

function decodedKey(secret: string, cookie: string): string {
  return createHash('sha256').update(secret).update('\0').update(cookie).digest('base64url');
}

const decodedSessions = (() => {
  const globals = globalThis as unknown as Record<symbol, Map<string, { token: JWT; until: number }> | undefined>;
  const kept = (globals[DECODED_SESSIONS] ??= new Map());
  return {
    recall(key: string): JWT | undefined {
      const entry = kept.get(key);
      if (entry && entry.until > Date.now()) return entry.token;
      if (entry) kept.delete(key);
      return undefined;
    },
    remember(key: string, token: JWT) {
      const expiresAt = typeof token.exp === 'number' ? token.exp * 1000 : Date.now();
      const until = Math.min(expiresAt, Date.now() + KEEP_DECODED_MS);
      if (until <= Date.now()) return;
      setBounded(kept, key, { token, until }, MAX_DECODED);
    },
  };
})();
