import 'server-only';
import { db, dialectOf } from './db';
import { postgresCacheBus } from './db/notify';
import { portalEnv } from './env';
import { dropTagLocally, setCacheBus, setInstanceCount } from './spintly';
import { startPortalWorker } from './worker';
import { registerInstance } from './worker/instances';

/**
 * A portal instance's start, in the Node.js runtime (instrumentation.ts loads this there only): a bad configuration
 * or a database schema that is behind stops it here with a clear message (naming `npm run db:migrate`). Then it joins
 * the deployment — registers itself (its share of the Spintly write lane follows the number of instances up), listens
 * for cache invalidations from the others (Postgres), and unless PORTAL_WORKER=off takes its part in background work
 * (one leader per task across every instance) — and leaves it cleanly on SIGTERM.
 */
export async function startInstance() {
  const env = portalEnv();
  let database;
  try {
    database = await db();
  } catch (error) {
    console.error(`[portal] ${error instanceof Error ? error.message : 'the database could not be opened'}`);
    process.exit(1);
  }
  const bus =
    dialectOf(env.databaseUrl) === 'postgres' ? await postgresCacheBus(env.databaseUrl, dropTagLocally) : undefined;
  if (bus) setCacheBus(bus);
  const instance = await registerInstance(database, setInstanceCount);
  const worker =
    env.worker.mode === 'inline' ? await startPortalWorker(database, env.databaseUrl, instance.id) : undefined;
  // Next closes the server after the requests in flight; meanwhile runs in flight finish and leads are given up.
  process.once('SIGTERM', () => {
    void Promise.all([worker?.stop(), instance.stop(), bus?.close()]);
  });
}
