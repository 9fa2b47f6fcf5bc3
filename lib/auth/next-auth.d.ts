import 'next-auth';
import '@auth/core/jwt';

declare module 'next-auth' {
  interface Session {
    /** Compared with the operator's current session version on every request. */
    sessionVersion?: number;
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    sv?: number;
  }
}
