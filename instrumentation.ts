/**
 * Runs once when a portal instance starts: a bad configuration or a database schema that is behind stops it here
 * with a clear message (naming `npm run db:migrate`); then, unless PORTAL_WORKER=off, the instance takes its part in
 * background work (lib/worker: one leader per task across every instance) and stops it cleanly on SIGTERM.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { portalEnv } = await import('./lib/env');
  const env = portalEnv();
  const { db } = await import('./lib/db');
  let database;
  try {
    database = await db();
  } catch (error) {
    console.error(`[portal] ${error instanceof Error ? error.message : 'the database could not be opened'}`);
    process.exit(1);
  }
  const { dropTagLocally, setCacheBus, setInstanceCount } = await import('./lib/spintly');
  const { dialectOf } = await import('./lib/db');
  let bus: { close(): Promise<void> } | undefined;
  if (dialectOf(env.databaseUrl) === 'postgres') {
    const { postgresCacheBus } = await import('./lib/db/notify');
    const listening = await postgresCacheBus(env.databaseUrl, dropTagLocally);
    setCacheBus(listening);
    bus = listening;
  }
  const { registerInstance } = await import('./lib/worker/instances');
  // Each instance takes its share of the deployment's Spintly write lane.
  const instance = await registerInstance(database, setInstanceCount);
  let worker: { stop(): Promise<void> } | undefined;
  if (env.worker.mode === 'inline') {
    const { startPortalWorker } = await import('./lib/worker');
    worker = await startPortalWorker(database, env.databaseUrl, instance.id);
  }
  // Next closes the server after the requests in flight; meanwhile runs in flight finish and leads are given up.
  process.once('SIGTERM', () => {
    void Promise.all([worker?.stop(), instance.stop(), bus?.close()]);
  });
}
