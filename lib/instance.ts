import 'server-only';
import { db, dialectOf } from './db';
import { postgresCacheBus } from './db/notify';
import { portalEnv } from './env';
import { dropTagLocally, setCacheBus, setInstanceCount, spintly } from './spintly';
import { SpintlyError } from './spintly/errors';
import { organisationProblem } from './spintly/organisation';
import { portalTasks } from './tasks';
import { startPortalWorker } from './worker';
import { registerInstance } from './worker/instances';
import { joinClusterMetrics } from './observability/metrics';
import { registerMetricSources } from './observability/sources';

/**
 * A portal instance's start, in the Node.js runtime (instrumentation.ts loads this there only): a bad configuration
 * or a database schema that is behind stops it here with a clear message (naming `npm run db:migrate`). Then it joins
 * the deployment — registers itself (its share of the Spintly write lane follows the number of instances up), listens
 * for cache invalidations from the others (Postgres), and unless PORTAL_WORKER=off takes its part in background work
 * (one leader per task across every instance) — and leaves it cleanly on SIGTERM.
 */
/**
 * Says once, plainly, when SPINTLY_ORG_ID and the credentials disagree (otherwise every page just gets 403s). Never
 * blocks the start: Spintly may be down now and fine later.
 */
async function checkOrganisation() {
  try {
    const problem = organisationProblem(await spintly().organisation());
    if (problem) console.error(`[portal] ${problem}`);
  } catch (error) {
    const kind = error instanceof SpintlyError ? error.kind : 'error';
    console.error(
      `[portal] could not check the Spintly organisation at start-up (${kind}); run npm run spintly -- check`,
    );
  }
}

export async function startInstance() {
  let env;
  try {
    env = portalEnv();
  } catch (error) {
    // A setting the portal cannot run with (a retention below its legal floor, a missing secret): say which, and stop
    // rather than serve pages that would each fail on it.
    console.error(`[portal] ${error instanceof Error ? error.message : 'invalid configuration'}`);
    process.exit(1);
  }
  // Before the database opens, so its queries are traced from the first; the SDK is imported only when configured.
  if (env.operations.tracing)
    await (await import('./observability/tracing')).startTracing(env.operations.tracing.serviceName);
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
  registerMetricSources(database);
  joinClusterMetrics();
  const worker =
    env.worker.mode === 'inline'
      ? await startPortalWorker(database, env.databaseUrl, portalTasks(), instance.id)
      : undefined;
  void checkOrganisation();
  // Next closes the server after the requests in flight; meanwhile runs in flight finish and leads are given up. The
  // production server (scripts/server.ts) waits for the same stop before it exits.
  let stopped: Promise<unknown> | undefined;
  const stop = () => (stopped ??= Promise.all([worker?.stop(), instance.stop(), bus?.close()]));
  (globalThis as unknown as Record<symbol, () => Promise<unknown>>)[Symbol.for('spintly-portal.instance-stop')] = stop;
  process.once('SIGTERM', () => void stop());
}
