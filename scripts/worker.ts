/**
 * `npm run worker`: runs every background task (lib/worker) against DATABASE_URL until stopped, for deployments whose
 * web instances run with PORTAL_WORKER=off. It may run beside inline web instances too: each task still has one
 * leader. SIGTERM or SIGINT finishes the runs in flight, gives up its leads, and exits.
 */
import { db } from '../lib/db';
import { portalEnv } from '../lib/env';
import { startPortalWorker } from '../lib/worker';

async function main() {
  const database = await db();
  const worker = await startPortalWorker(database, portalEnv().databaseUrl);
  console.log('Worker running; every task has one leader across all instances. Ctrl+C to stop.');
  const stop = async () => {
    await worker.stop();
    await database.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
