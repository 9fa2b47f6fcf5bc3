/**
 * The Auth.js configuration without database or providers, and the public paths proxy.ts lets through without a
 * session. The proxy only sends signed-out visitors to /sign-in; every page, action and route handler authorises
 * again on its own.
 */
import type { NextAuthConfig } from 'next-auth';

// /api/metrics checks its own bearer token (METRICS_TOKEN); the probes say nothing an outsider could use.
export const PUBLIC_PATHS = ['/sign-in', '/api/auth', '/api/health', '/api/livez', '/api/readyz', '/api/metrics'];

export const isPublicPath = (pathname: string) =>
  PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));

export const baseAuthConfig = {
  // A refused or failed single sign-on comes back to the sign-in page with `?error=`, said there in words.
  pages: { signIn: '/sign-in', error: '/sign-in' },
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  providers: [],
  callbacks: {
    session({ session, token }) {
      // Only the operator id and session version travel in the cookie; role and sites are read on every request.
      session.user.id = token.sub ?? '';
      (session as { sessionVersion?: unknown }).sessionVersion = token.sv;
      return session;
    },
  },
  logger: {
    // Auth.js logs full errors by default; one line with the error's type is enough and cannot leak a credential.
    // (Class names are minified in the build; Auth.js errors carry their `type` as data.)
    error: (error) => console.error(`[auth] ${(error as { type?: string }).type ?? 'error'}`),
    warn: () => {},
  },
} satisfies NextAuthConfig;
