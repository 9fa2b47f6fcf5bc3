/**
 * Runs before every page: sends signed-out visitors to /sign-in (an optimistic check only — every page, action and
 * route handler authorises again) and sets a Content-Security-Policy with a fresh nonce, which Next.js puts on its
 * own scripts. No 'unsafe-eval' outside development.
 */
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { isPublicPath } from './lib/auth/config';
import { portalEnv } from './lib/env';

/**
 * Is there a valid (decryptable, unexpired) session cookie? Read only: unlike Auth.js's `auth()` wrapper, this does
 * not re-issue the cookie on every request. Re-issuing made each response carry a fresh session cookie, so a
 * prefetch still in flight when someone signed out could put the session back; it also cost an encryption per
 * request. Sessions therefore end 12 hours after sign-in, however active (an absolute timeout).
 */
async function hasSession(request: NextRequest): Promise<boolean> {
  const secret = portalEnv().auth.secret;
  if (!secret) return false;
  // The cookie is `__Secure-`-prefixed when the portal is served over HTTPS (perhaps behind a TLS-terminating proxy).
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: request, secret, secureCookie });
    if (token?.sub) return true;
  }
  return false;
}

function contentSecurityPolicy(nonce: string): string {
  const env = portalEnv();
  const development = env.nodeEnv === 'development';
  // Single sign-on posts a form to /api/auth, which redirects to the identity provider: form-action must allow it.
  const formTargets = ["'self'", ...(env.auth.oidc ? [new URL(env.auth.oidc.issuer).origin] : [])];
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${formTargets.join(' ')}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (!isPublicPath(pathname) && !(await hasSession(request))) {
    const signIn = new URL('/sign-in', request.nextUrl);
    if (pathname !== '/') signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
