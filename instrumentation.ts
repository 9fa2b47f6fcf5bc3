/** Runs once when the server starts; the instance's start-up (lib/instance.ts) needs Node.js, so only there. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') await (await import('./lib/instance')).startInstance();
}
