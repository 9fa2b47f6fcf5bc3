import cluster from 'node:cluster';
import client from 'prom-client';

/**
 * What an operator's Prometheus scrapes at `GET /api/metrics`. One registry per process, kept on globalThis under a
 * registered symbol: Next compiles route handlers, pages and instrumentation into separate bundles, and each would
 * otherwise count into its own copy (prom-client itself is left unbundled, next.config.mjs). Names follow
 * Prometheus's rules (`_total` counters, `_seconds` durations); labels are endpoints, tasks and outcomes — never a
 * person, a door or an id.
 *
 * Figures that live in the database (pending permissions, job queue depth, directory age) are read when scraped,
 * through sources the instance registers at start (lib/instance.ts), so a scrape always says what is true now.
 *
 * With several portal processes (PORTAL_PROCESSES, scripts/server.ts) each keeps its own counts and the primary
 * process adds them up when asked (prom-client's AggregatorRegistry over the cluster's IPC): a scrape through the one
 * port sees the whole machine. Database figures are the same in every process; they are aggregated with `max`.
 */
const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

type Source = () => Promise<number | Record<string, number>>;

function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'portal_' });
  const sources = new Map<string, Source>();

  /** A gauge read from a registered source at scrape time; a missing or failing source leaves it unset. */
  const sourcedGauge = (name: string, help: string, labelNames: string[] = []) =>
    new client.Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      aggregator: 'max',
      async collect() {
        const source = sources.get(name);
        if (!source) return;
        this.reset();
        try {
          const value = await source();
          if (typeof value === 'number') this.set(value);
          else for (const [label, n] of Object.entries(value)) this.set({ [labelNames[0]!]: label }, n);
        } catch {
          // The database is unreachable: /api/readyz says so; the scrape still answers with the rest.
        }
      },
    });

  return {
    registry,
    sources,
    spintlyRequests: new client.Counter({
      name: 'portal_spintly_requests_total',
      help: 'Requests to Spintly by endpoint, HTTP status (none when no answer came) and outcome (ok, retry, error).',
      labelNames: ['endpoint', 'status', 'outcome'],
      registers: [registry],
    }),
    spintlyDuration: new client.Histogram({
      name: 'portal_spintly_request_duration_seconds',
      help: 'Time Spintly took to answer one request attempt, by endpoint and outcome.',
      labelNames: ['endpoint', 'outcome'],
      buckets: SECONDS_BUCKETS,
      registers: [registry],
    }),
    webhookEvents: new client.Counter({
      name: 'portal_webhook_events_received_total',
      help: 'Access events received from Spintly webhooks: stored, duplicate (already held) or refused (bad signature or body).',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    webhookLag: new client.Histogram({
      name: 'portal_webhook_event_lag_seconds',
      help: 'Time from an access event at the door to the portal storing it.',
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers: [registry],
    }),
    taskRuns: new client.Counter({
      name: 'portal_background_task_runs_total',
      help: 'Background task runs this instance led, by task.',
      labelNames: ['task'],
      registers: [registry],
    }),
    taskFailures: new client.Counter({
      name: 'portal_background_task_failures_total',
      help: 'Background task runs that failed, by task.',
      labelNames: ['task'],
      registers: [registry],
    }),
    dbQueries: new client.Histogram({
      name: 'portal_db_query_duration_seconds',
      help: "Time the portal's database took per query, by statement (select, insert, update, delete, other).",
      labelNames: ['statement'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    httpRequests: new client.Histogram({
      name: 'portal_http_request_duration_seconds',
      help: 'Time to answer a request to the portal, by method and status class (2xx, 3xx, 4xx, 5xx).',
      labelNames: ['method', 'status'],
      buckets: SECONDS_BUCKETS,
      registers: [registry],
    }),
    pendingPermissions: sourcedGauge(
      'portal_pending_permissions',
      "Permissions Spintly accepted that a door's reader has not synced yet (from the last scan), by age: all or stuck.",
      ['age'],
    ),
    jobQueue: sourcedGauge('portal_job_queue_depth', 'Jobs waiting or running, by state.', ['state']),
    directoryAge: sourcedGauge(
      'portal_directory_age_seconds',
      "Seconds since the people directory last finished a reconcile with Spintly (the age of the portal's copy).",
    ),
  };
}

export type PortalMetrics = ReturnType<typeof create>;

const KEY = Symbol.for('spintly-portal.metrics');
const globals = globalThis as unknown as Record<symbol, PortalMetrics | undefined>;

export function metrics(): PortalMetrics {
  return (globals[KEY] ??= create());
}

/** Registers where a database-backed gauge reads its value at scrape time. */
export function setMetricSource(
  name: 'portal_pending_permissions' | 'portal_job_queue_depth' | 'portal_directory_age_seconds',
  source: Source,
) {
  metrics().sources.set(name, source);
}

export function observeSpintlyCall(call: {
  endpoint: string;
  status: number | null;
  durationMs: number;
  outcome: string;
}) {
  const m = metrics();
  m.spintlyRequests.inc({
    endpoint: call.endpoint,
    status: call.status === null ? 'none' : String(call.status),
    outcome: call.outcome,
  });
  m.spintlyDuration.observe({ endpoint: call.endpoint, outcome: call.outcome }, call.durationMs / 1000);
}

const STATEMENTS = new Set(['select', 'insert', 'update', 'delete']);
export function observeQuery(sql: string, ms: number) {
  const word = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? 'other';
  metrics().dbQueries.observe({ statement: STATEMENTS.has(word) ? word : 'other' }, ms / 1000);
}

export function observeHttpRequest(method: string, status: number, seconds: number) {
  metrics().httpRequests.observe({ method, status: `${Math.floor(status / 100)}xx` }, seconds);
}

export function observeTaskRun(task: string, failed: boolean) {
  const m = metrics();
  m.taskRuns.inc({ task });
  if (failed) m.taskFailures.inc({ task });
}

export function observeWebhookEvents(outcome: 'stored' | 'duplicate' | 'refused', count: number, lagsS: number[] = []) {
  const m = metrics();
  if (count > 0) m.webhookEvents.inc({ outcome }, count);
  for (const lag of lagsS) m.webhookLag.observe(Math.max(0, lag));
}

const REQUEST = 'spintly-portal:metrics-request';
const ANSWER = 'spintly-portal:metrics-answer';

/**
 * The text a scrape gets. In a cluster worker, the primary's sum over every process (asked over IPC); alone, this
 * process's registry.
 */
export async function scrape(): Promise<{ text: string; contentType: string }> {
  const m = metrics();
  if (!cluster.isWorker || !process.send)
    return { text: await m.registry.metrics(), contentType: m.registry.contentType };
  const id = `${process.pid}-${Date.now()}-${Math.random()}`;
  const text = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error('the primary process did not answer with the metrics'));
    }, 5_000);
    function onMessage(message: { type?: string; id?: string; text?: string; error?: string }) {
      if (message?.type !== ANSWER || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.text ?? '');
    }
    process.on('message', onMessage);
    process.send!({ type: REQUEST, id });
  });
  return { text, contentType: m.registry.contentType };
}

/** In a cluster worker: answer the primary's requests for this process's figures (prom-client's own protocol). */
export function joinClusterMetrics() {
  if (!cluster.isWorker) return;
  client.AggregatorRegistry.setRegistries([metrics().registry]);
  // Constructing one adds prom-client's listener for the primary's requests.
  new client.AggregatorRegistry();
}

/** In the primary: answer a worker's scrape with every worker's figures added up. */
export function serveClusterMetrics() {
  const aggregator = new client.AggregatorRegistry();
  cluster.on('message', (worker, message: { type?: string; id?: string }) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id: message.id, text }),
      (error: unknown) =>
        worker.send({ type: ANSWER, id: message.id, error: error instanceof Error ? error.message : 'failed' }),
    );
  });
}
