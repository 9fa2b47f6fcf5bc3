/**
 * Runs before every page: refuses malformed server-action requests, sends signed-out visitors to /sign-in (an optimistic check only — every page, action and
 * route handler authorises again) and sets a Content-Security-Policy with a fresh nonce, which Next.js puts on its
 * own scripts. No 'unsafe-eval' outside development.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { isPublicPath } from './lib/auth/config';
import { readSessionToken, sessionSettings } from './lib/auth/session-token';
import { portalEnv } from './lib/env';
import { checkActionRequest, isActionPost } from './lib/http/action-request';

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
  // A malformed server-action body is answered here, with a 4xx, before Next's decoder turns it into a 500.
  if (isActionPost(request)) {
    const refused = await checkActionRequest(request);
    if (refused) return refused;
  }
  const signedIn = () => readSessionToken(request.headers, sessionSettings(request.headers, portalEnv().auth));
  if (!isPublicPath(pathname) && !(await signedIn())) {
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
  // Spintly's webhook (/api/webhooks/…) has no session: it is authenticated by its API key, in its route.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt|api/webhooks/).*)'],
};
