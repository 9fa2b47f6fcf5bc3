import 'next-auth';
import '@auth/core/jwt';

declare module 'next-auth' {
  interface Session {
    /** As /api/auth/session reports it; the server checks the cookie's `sv` itself (lib/auth/session.ts). */
    sessionVersion?: number;
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    sv?: number;
    /** This session's id: sign-out revokes it (lib/auth/session-revocations.ts). */
    sid?: string;
    /** When the operator signed in, epoch seconds: the absolute session limit counts from here. */
    signedInAt?: number;
    /** How the session was signed in: `single_sign_on` sessions are exempt from REQUIRE_2FA. Absent = password. */
    method?: 'password' | 'single_sign_on';
  }
}
