/**
 * `npm run worker`: runs every background task (lib/worker) against DATABASE_URL until stopped, for deployments whose
 * web instances run with PORTAL_WORKER=off. It may run beside inline web instances too: each task still has one
 * leader. With WEBHOOK_PORT set it also receives Spintly's webhook (lib/activity/receiver.ts). SIGTERM or SIGINT
 * finishes the runs in flight, gives up its leads, and exits.
 */
import { db } from '../lib/db';
import { portalEnv } from '../lib/env';
import { portalTasks } from '../lib/tasks';
import { startPortalWorker } from '../lib/worker';
import { startWebhookReceiver } from '../lib/activity/receiver';

async function main() {
  const database = await db();
  const worker = await startPortalWorker(database, portalEnv().databaseUrl, portalTasks());
  console.log('Worker running; every task has one leader across all instances. Ctrl+C to stop.');
  const port = portalEnv().activity.webhookPort;
  const receiver = port === undefined ? null : await startWebhookReceiver(port);
  if (receiver) console.log(`Receiving Spintly's webhook on port ${port} at /api/webhooks/spintly.`);
  // The worker's tick timer is unref'd (a web instance must not be kept up by it). Here it is the whole point: on SQLite
  // nothing else holds the event loop, and a standby worker — not yet leading any task — would exit at once.
  const keepAlive = setInterval(() => {}, 60_000);
  const stop = async () => {
    clearInterval(keepAlive);
    receiver?.close();
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
