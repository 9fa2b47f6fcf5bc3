/**
 * `npm start`: the production portal. Next's programmatic server behind node:http, so that each request gets an id
 * (X-Request-Id, taken from a trusted proxy's header or made here, and carried by every log line of that request) and
 * its time counted in the metrics, and Spintly's webhook (POST /api/webhooks/spintly) is answered by its handler
 * directly. `npm run build` bundles this file (with our modules, not node_modules) into .next/portal-server.mjs:
 * run through tsx, every module Next loads went through tsx's resolver — 6 ms more per page and 70 MB more memory.
 *
 * `PORTAL_PROCESSES=N` (default 1) starts N portal processes with node:cluster, all serving the one port (PORT,
 * default 3000): Node renders a page on one core at a time, so on a machine with N cores N processes answer N
 * requests at once. The processes share the database (SQLite in WAL mode, or Postgres) and elect background work
 * through it as separate instances would; the primary only supervises (a process that dies is replaced) and adds up
 * the processes' metrics for /api/metrics. SIGTERM stops taking connections, lets requests in flight finish, and
 * leaves background work cleanly.
 */
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import next from 'next';
import { isWebhookRequest, serveWebhook } from '../lib/activity/receiver';
import { installConsole, log, requestContext } from '../lib/observability/log';
import { observeHttpRequest, serveClusterMetrics } from '../lib/observability/metrics';

const processes = Number(process.env.PORTAL_PROCESSES || 1);
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || '0.0.0.0';
const INSTANCE_STOP = Symbol.for('spintly-portal.instance-stop');

installConsole();

if (!Number.isInteger(processes) || processes < 1 || processes > 64) {
  log.error('PORTAL_PROCESSES must be a whole number from 1 to 64', { given: process.env.PORTAL_PROCESSES });
  process.exit(1);
}

/** An incoming request id we keep: a proxy's, if it looks like one (no room for log injection). */
const requestIdOf = (header: string | string[] | undefined) =>
  typeof header === 'string' && /^[\w.:-]{8,128}$/.test(header) ? header : randomUUID();

async function serve() {
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((request, response) => {
    const requestId = requestIdOf(request.headers['x-request-id']);
    response.setHeader('x-request-id', requestId);
    const started = performance.now();
    response.once('finish', () =>
      observeHttpRequest(request.method ?? 'GET', response.statusCode, (performance.now() - started) / 1000),
    );
    requestContext().run({ requestId, receivedAt: started }, () =>
      // Spintly's webhook, up to 500 events a second: the same handler as the Next route, without Next's ~4 ms of
      // routing per request (a bare Next route costs that much CPU; 500 of them a second would take two cores).
      isWebhookRequest(request) ? serveWebhook(request, response) : void handle(request, response),
    );
  });
  server.keepAliveTimeout = 65_000; // longer than a typical proxy's idle timeout, so it never reuses a closed socket
  server.listen(port, hostname, () => {
    if (!cluster.isWorker || cluster.worker?.id === 1)
      log.info(`portal listening on http://${hostname}:${port}`, { processes });
  });
  const stop = () => {
    server.close();
    server.closeIdleConnections();
    const stopInstance = (globalThis as unknown as Record<symbol, (() => Promise<unknown>) | undefined>)[INSTANCE_STOP];
    // Requests in flight get up to 10 s; background work is handed over meanwhile.
    const deadline = setTimeout(() => process.exit(0), 10_000);
    deadline.unref();
    void Promise.all([new Promise((resolve) => server.once('close', resolve)), stopInstance?.()]).finally(() =>
      process.exit(0),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (processes > 1 && cluster.isPrimary) {
  let stopping = false;
  serveClusterMetrics();
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log.error('a portal process stopped; starting another', { code, signal });
    cluster.fork();
  });
  const stopAll = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.once('SIGTERM', stopAll);
  process.once('SIGINT', stopAll);
} else {
  serve().catch((error: unknown) => {
    log.error('the portal could not start', { error });
    process.exit(1);
  });
}
