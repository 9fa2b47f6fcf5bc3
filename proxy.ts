/**
 * Runs before every page: sends signed-out visitors to /sign-in (an optimistic check only — every page, action and
 * route handler authorises again) and sets a Content-Security-Policy with a fresh nonce, which Next.js puts on its
 * own scripts. No 'unsafe-eval' outside development.
 */
import NextAuth from 'next-auth';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { baseAuthConfig, isPublicPath } from './lib/auth/config';
import { portalEnv } from './lib/env';

const { auth } = NextAuth(() => {
  const env = portalEnv();
  return { ...baseAuthConfig, secret: env.auth.secret, trustHost: env.auth.trustHost };
});

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

const guarded = auth((request) => {
  const { pathname, search } = request.nextUrl;
  if (!request.auth?.user?.id && !isPublicPath(pathname)) {
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
});

// With a lazily built configuration, Auth.js hands the wrapped handler back as a promise.
export async function proxy(request: NextRequest, event: NextFetchEvent) {
  type Handler = (request: NextRequest, event: NextFetchEvent) => Promise<Response>;
  const handler = await (guarded as unknown as Promise<Handler>);
  return handler(request, event);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
