/** Runs once when the server starts: a bad configuration stops it here with a clear message. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { portalEnv } = await import('./lib/env');
    portalEnv();
  }
}
