/**
 * What every bench section shares: the settings (BENCH_*), the processes it started, signing in, timing a page,
 * first-load JS, memory, and the printed marks. bench/run.ts starts the sandbox and the portal and runs the sections.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { bin } from '../scripts/processes';
import { gzipSync } from 'node:zlib';

export const L = Number(process.env.BENCH_LATENCY_MS ?? 50);
export const REPEAT = Number(process.env.BENCH_REPEAT ?? 30);
export const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? 'pages').split(',').map((s) => s.trim()));
/**
 * Portal processes behind the bench's portal (PORTAL_PROCESSES). One by default: a single request's latency is what
 * the page targets judge, and a second process only splits the JIT's warm-up. The directory section starts a portal
 * of CLUSTER_PROCESSES beside it for the views-at-once measurement.
 */
export const PORTAL_PROCESSES = Number(process.env.BENCH_PORTAL_PROCESSES ?? 1);
export const CLUSTER_PROCESSES = Number(process.env.BENCH_CLUSTER_PROCESSES ?? 2);
export const CLUSTER_PORTAL = 'http://127.0.0.1:3203';
export const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);
export const SITES = Number(process.env.BENCH_SITES ?? (PEOPLE >= 50_000 ? 20 : 5));
export const DOORS_PER_SITE = Number(process.env.BENCH_DOORS_PER_SITE ?? (PEOPLE >= 50_000 ? 50 : 40));
export const RESULTS = 'bench/results.json';
export const WEBHOOK_KEY = 'bench-webhook-key';
/** Access history seeded in the sandbox over 30 days: about 100,000 in the 7 days the backfill reads. */
export const HISTORY_EVENTS = Number(process.env.BENCH_HISTORY_EVENTS ?? 430_000);
/** Events stored for the activity views: about two months of a 100,000-member network. */
export const STORED_EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
export const SANDBOX = 'http://127.0.0.1:4210';
export const PORTAL = 'http://127.0.0.1:3200';
export const FLOOR = 'http://127.0.0.1:3201';
export const DB = 'data/bench.db';
export const children: ChildProcess[] = [];

export const TARGETS = { p50: 1.3, p95: 2, tokenRequests: 1, bulkCalls: 1, firstLoadKb: 150, rssMb: 300, excessMs: 5 };
/** The directory's targets (issue 16): list views at ≤ 0.6 L with no upstream call, and the rest. */
export const DIRECTORY_TARGETS = { viewP50: 0.6, exportMs: 5_000, syncMs: 60_000, rssMb: 300 };
/** The jobs targets (issue 19): 10,000 new people imported within 2 minutes at L, exactly once, under 300 MB. */
export const JOBS_TARGETS = { importMs: 120_000, rssMb: 300, companyOffboardMs: 300_000 };
/** Issue 29: a group of 2,000 members × 10 doors applied within 10 minutes. */
export const GROUPS_TARGETS = { applyMs: 600_000 };
/** Issue 31: a reviewer's page of a 10,000-item review at ≤ 0.6 L with no upstream call; "keep all shown" of 1,000 under 1 s. */
export const REVIEWS_TARGETS = { pageP50: 0.6, keepMs: 1_000 };
/** The activity targets (issue 17). */
export const ACTIVITY_TARGETS = {
  eventsPerS: 500,
  /** The worker's receiver (issue 17). */
  p99Ms: 50,
  /** The portal's own route, which also serves pages (issue 32). */
  portalP99Ms: 250,
  viewP50: 0.6,
  backfillMs: 60_000,
};
/**
 * Pages that wait on one Spintly round trip, like the floor's (issue 32: the person page, the door page, the front
 * desk with a person): their excess over the floor is the portal's own cost, target ≤ 5 ms. `[id]` is the bench's
 * person.
 */
export const ONE_CALL = new Set(['/users/[id]', '/sites/1/doors/501', '/front-desk?person=[id]']);
/** The permission matrix: every door of the site read in parallel (one round trip), target ≤ floor + 0.5 L. */
export const MATRIX_ROUTE = '/sites/1/permissions';
export const MATRIX_EXCESS_L = 0.5;

export function stop() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
process.on('exit', stop);

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** A cookie jar of one: the session cookie Auth.js sets. */
export async function signIn(base = PORTAL): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  // The proxy and the route both set a CSRF cookie; the last one matches the token in the body.
  const jar = new Map(csrf.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]));
  const cookies = [...jar].map(([name, value]) => `${name}=${value}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
    body: new URLSearchParams({ email: 'admin@demo.local', password: 'demo-pass-1234', csrfToken, callbackUrl: '/' }),
  });
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.includes('session-token'));
  if (!session) throw new Error('sign-in failed');
  return session;
}

export async function callAction(cookie: string, id: string, input: unknown): Promise<string> {
  const response = await fetch(`${PORTAL}/users`, {
    method: 'POST',
    headers: { cookie, 'Next-Action': id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' },
    body: JSON.stringify([null, input]),
  });
  return response.text();
}

export const sandboxJson = async <T>(path: string, init?: RequestInit) =>
  (await (await fetch(`${SANDBOX}/__sandbox${path}`, init)).json()) as T;
export const upstreamCalls = (stats: { requests: Record<string, { total: number }> }) =>
  Object.values(stats.requests).reduce((n, r) => n + r.total, 0);

/**
 * After minutes of synchronous work in this process (filling the event store), the client's pooled keep-alive sockets
 * were closed by the portal unseen, and a write on one fails (EPIPE). Requests in parallel, failures ignored, until a
 * round goes through: each dead socket is used once and discarded. The bench's client, not the portal.
 */
export async function dropDeadSockets(base = PORTAL) {
  for (let round = 0; round < 10; round++) {
    const answers = await Promise.allSettled(Array.from({ length: 64 }, () => fetch(`${base}/api/livez`)));
    await Promise.all(answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value.arrayBuffer()] : [])));
    if (answers.every((a) => a.status === 'fulfilled')) return;
  }
}

/** One timed GET of a page, read to its end; throws on an error status. */
function pageTimer(cookie: string, route: string, base: string) {
  return async () => {
    let started = performance.now();
    // Once more on a dead pooled socket (see dropDeadSockets); the retried request is the one timed.
    const send = () => fetch(`${base}${route}`, { headers: { cookie } });
    const response = await send().catch(() => {
      started = performance.now();
      return send();
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${route}: ${response.status}`);
    return performance.now() - started;
  };
}

const WARM_UPS = 3;

export async function timePage(cookie: string, route: string, base = PORTAL) {
  const get = pageTimer(cookie, route, base);
  for (let i = 0; i < WARM_UPS; i++) await get();
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) times.push(await get());
  return {
    route,
    p50Ms: Math.round(percentile(times, 50)),
    p95Ms: Math.round(percentile(times, 95)),
    upstreamLatencyMs: L,
  };
}

/**
 * A portal page timed against the floor in the same minutes: the two are requested in turn, REPEAT times each, so a
 * page's excess is not the machine's drift between the floor's measurement and the page's (p50s of the same page
 * moved 5–10 ms between runs when the floor was measured once, first). Each floor request is one Spintly call:
 * `floorCalls` says how many to leave out of the sandbox's count.
 */
export async function timeAgainstFloor(cookie: string, route: string) {
  const page = pageTimer(cookie, route, PORTAL);
  const floor = pageTimer('', '/', FLOOR);
  for (let i = 0; i < WARM_UPS; i++) await page();
  const pageTimes: number[] = [];
  const floorTimes: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    floorTimes.push(await floor());
    pageTimes.push(await page());
  }
  const p50Ms = Math.round(percentile(pageTimes, 50));
  const floorP50Ms = Math.round(percentile(floorTimes, 50));
  return {
    route,
    p50Ms,
    p95Ms: Math.round(percentile(pageTimes, 95)),
    upstreamLatencyMs: L,
    floorP50Ms,
    excessP50Ms: p50Ms - floorP50Ms,
    views: WARM_UPS + REPEAT,
    floorCalls: REPEAT,
  };
}

/** First-load JS of a page: every script the HTML references, gzipped, summed. */
export async function firstLoadKb(cookie: string, route: string) {
  const html = await (await fetch(`${PORTAL}${route}`, { headers: { cookie } })).text();
  // Scripts marked noModule are legacy polyfills that current browsers neither run nor need: not counted.
  const tags = [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]).filter((tag) => !/nomodule/i.test(tag));
  const sources = [
    ...new Set(tags.map((tag) => /src="([^"]+\.js[^"]*)"/.exec(tag)?.[1]).filter((src): src is string => Boolean(src))),
  ];
  let bytes = 0;
  for (const src of sources)
    bytes += gzipSync(Buffer.from(await (await fetch(`${PORTAL}${src}`)).arrayBuffer())).length;
  return Math.round(bytes / 102.4) / 10;
}

/** Resident memory of a process group (the worker runs under tsx: the group is the wrapper and the real process). */
export function groupRssMb(pgid: number) {
  const out = spawnSync('ps', ['-o', 'rss=', '-g', String(pgid)], { encoding: 'utf8' }).stdout;
  return Math.round(out.split('\n').reduce((kb, line) => kb + (Number(line.trim()) || 0), 0) / 1024);
}

/**
 * The largest resident memory of any process in the tree under `pid`, itself included: the portal runs as tsx's
 * wrapper → the server (→ with PORTAL_PROCESSES, a cluster primary and its workers), and the target is per process.
 */
export function rssMb(pid: number) {
  const table = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter((row) => row.length === 3);
  const tree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [child, parent] of table)
      if (tree.has(parent!) && !tree.has(child!)) {
        tree.add(child!);
        grew = true;
      }
  }
  const kb = Math.max(0, ...table.filter(([p]) => tree.has(p!)).map(([, , rss]) => rss!));
  return Math.round(kb / 1024);
}

export const mark = (ok: boolean) => (ok ? 'ok  ' : 'MISS');
// At L = 0 (what the portal and sandbox cost on their own) a ratio means nothing.
export const ratio = (ms: number) => (L > 0 ? (ms / L).toFixed(2) : '—');

/** One reconcile through `npm run spintly -- sync`, as an operator would run it: its own time (not tsx's start). */
export async function timedSync(script: (...args: string[]) => Promise<string>) {
  const summary = JSON.parse(await script('scripts/spintly.ts', 'sync')) as {
    outcome: string;
    people: number;
    ms: number;
  };
  if (summary.outcome !== 'ok') throw new Error(`the directory sync failed: ${JSON.stringify(summary)}`);
  return { ms: summary.ms, people: summary.people };
}

/** Each route's p50/p95 (after a warm-up that fills the caches the page keeps) and the Spintly calls it made. */
export async function timeViews(cookie: string, routes: readonly string[]) {
  const timed = [];
  for (const route of routes) {
    await timePage(cookie, route);
    await fetch(`${SANDBOX}/__sandbox/stats`, { method: 'DELETE' });
    const result = await timePage(cookie, route);
    timed.push({ ...result, upstreamCalls: upstreamCalls(await sandboxJson('/stats')) });
  }
  return timed;
}

/** Views against "p50 ≤ ratio × L with no upstream call". */
export function printViews(views: Awaited<ReturnType<typeof timeViews>>, targetRatio: number) {
  console.log('view'.padEnd(40), 'p50 ms', ' p95 ms', ' p50/L', ' calls');
  for (const v of views)
    console.log(
      v.route.padEnd(40),
      String(v.p50Ms).padStart(6),
      String(v.p95Ms).padStart(7),
      ratio(v.p50Ms).padStart(6),
      String(v.upstreamCalls).padStart(6),
      L > 0 ? mark(v.p50Ms <= targetRatio * L && v.upstreamCalls === 0) : '',
    );
}

/** Peak resident memory of a process while `work` runs, sampled every 100 ms. */
export async function peakRssMb<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peakMb = rssMb(pid);
  const timer = setInterval(() => (peakMb = Math.max(peakMb, rssMb(pid))), 100);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peakMb, rssMb(pid)) };
  } finally {
    clearInterval(timer);
  }
}

/** `npm run worker` in a process group of its own (tsx runs it in a child: a restart must kill both). */
export function startWorker(env: NodeJS.ProcessEnv) {
  const worker = spawn(bin('tsx'), ['--conditions=react-server', 'scripts/worker.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...env, PORTAL_WORKER: 'off' },
    detached: true,
  });
  worker.once('exit', (code, signal) => console.log(`[bench] worker ${worker.pid} exited (${code ?? signal})`));
  children.push(worker);
  return worker;
}

export interface BenchJob {
  status: string;
  total: number;
  finished: number;
  succeeded: number;
  unchanged: number;
  failed: number;
}

/** Polls a job until it is over; throws when it takes longer than `limitMs` from `started`. */
export async function waitForJob(cookie: string, jobId: string, started: number, limitMs: number, what: string) {
  let job: BenchJob = { status: 'queued', total: 0, finished: 0, succeeded: 0, unchanged: 0, failed: 0 };
  while (!['done', 'cancelled', 'failed'].includes(job.status)) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    job = (await (await fetch(`${PORTAL}/api/jobs/status?id=${jobId}`, { headers: { cookie } })).json()) as BenchJob;
    if (performance.now() - started > limitMs)
      throw new Error(`${what} took over ${Math.round(limitMs / 60_000)} minutes`);
  }
  return job;
}
