/**
 * Runs once when the server starts; the instance's start-up (lib/instance.ts) needs Node.js, so only there.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Log lines as LOG_FORMAT says, redacted, whether started by scripts/server.ts or by `next start`.
  (await import('./lib/observability/log')).installConsole();
  await (await import('./lib/instance')).startInstance();
}
