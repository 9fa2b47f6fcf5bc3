/**
 * `npm run bench`: how close each page is to the floor set by one Spintly round trip, and what the people directory
 * buys at 100,000 people.
 *
 * `BENCH_SECTIONS` (comma-separated) picks what is measured, so each run stays within a few minutes:
 * - `pages` (the default): the section below;
 * - `directory`: the people directory at scale — run with `BENCH_PEOPLE=100000` (20 sites × 50 doors);
 * - `activity`: the webhook, the backfill and the activity views;
 * - `jobs`: an import of 10,000 new people as a job (BENCH_IMPORT_ROWS), with faults and a restart half-way.
 * `BENCH_PEOPLE` (default 10,000) sizes the sandbox; `BENCH_SITES` and `BENCH_DOORS_PER_SITE` default to 5 × 40, or
 * 20 × 50 from 50,000 people. Each section replaces its own part of bench/results.json and leaves the others.
 *
 * `pages`: starts the sandbox with a fixed upstream latency L (BENCH_LATENCY_MS, default
 * 50), starts the production portal, signs in as the demo super admin and measures: server response time per page
 * (p50/p95 over repeated requests, and the ratio to L), token requests during 200 concurrent actions on a cold start,
 * one bulk grant of a door to 1,000 people (upstream calls and time), first-load JavaScript per route (gzip), and the
 * portal's resident memory afterwards. Writes bench/results.json and prints a table. Not part of `npm test`.
 *
 * Beside the portal it starts the floor (bench/floor): a bare Next.js app whose one page makes one list call to the
 * same sandbox and renders a small table. Every page's line also shows its excess over that floor's p50, so what the
 * portal itself costs (session, operator, CSP, render) is read off directly, whatever this machine's speed today.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { PORTAL_NODE_OPTIONS, bin, sandboxPortalEnv, startPortal, startSandbox, waitFor } from '../scripts/processes';
import { serverActionId } from '../scripts/server-actions';

const L = Number(process.env.BENCH_LATENCY_MS ?? 50);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 30);
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? 'pages').split(',').map((s) => s.trim()));
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);
const SITES = Number(process.env.BENCH_SITES ?? (PEOPLE >= 50_000 ? 20 : 5));
const DOORS_PER_SITE = Number(process.env.BENCH_DOORS_PER_SITE ?? (PEOPLE >= 50_000 ? 50 : 40));
const RESULTS = 'bench/results.json';
const WEBHOOK_KEY = 'bench-webhook-key';
/** Access history seeded in the sandbox over 30 days: about 100,000 in the 7 days the backfill reads. */
const HISTORY_EVENTS = Number(process.env.BENCH_HISTORY_EVENTS ?? 430_000);
/** Events stored for the activity views: about two months of a 100,000-member network. */
const STORED_EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const SANDBOX = 'http://127.0.0.1:4210';
const PORTAL = 'http://127.0.0.1:3200';
const FLOOR = 'http://127.0.0.1:3201';
const DB = 'data/bench.db';
const children: ChildProcess[] = [];

const TARGETS = { p50: 1.3, p95: 2, tokenRequests: 1, bulkCalls: 1, firstLoadKb: 150, rssMb: 300, excessMs: 5 };
/** The directory's targets (issue 16): list views at ≤ 0.6 L with no upstream call, and the rest. */
const DIRECTORY_TARGETS = { viewP50: 0.6, exportMs: 5_000, syncMs: 60_000, rssMb: 300 };
/** The jobs targets (issue 19): 10,000 new people imported within 2 minutes at L, exactly once, under 300 MB. */
const JOBS_TARGETS = { importMs: 120_000, rssMb: 300 };
/** The activity targets (issue 17). */
const ACTIVITY_TARGETS = { eventsPerS: 500, p99Ms: 50, viewP50: 0.6, backfillMs: 60_000 };
/** Pages that wait on one Spintly call, like the floor's: their excess over it is the portal's own cost. */
const ONE_CALL = new Set(['/users', '/users?search=sharma', '/api/people/search?q=shar']);

function stop() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
process.on('exit', stop);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** A cookie jar of one: the session cookie Auth.js sets. */
async function signIn(): Promise<string> {
  const csrf = await fetch(`${PORTAL}/api/auth/csrf`);
  // The proxy and the route both set a CSRF cookie; the last one matches the token in the body.
  const jar = new Map(csrf.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]));
  const cookies = [...jar].map(([name, value]) => `${name}=${value}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${PORTAL}/api/auth/callback/credentials`, {
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

async function callAction(cookie: string, id: string, input: unknown): Promise<string> {
  const response = await fetch(`${PORTAL}/users`, {
    method: 'POST',
    headers: { cookie, 'Next-Action': id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' },
    body: JSON.stringify([null, input]),
  });
  return response.text();
}

const sandboxJson = async <T>(path: string, init?: RequestInit) =>
  (await (await fetch(`${SANDBOX}/__sandbox${path}`, init)).json()) as T;
const upstreamCalls = (stats: { requests: Record<string, { total: number }> }) =>
  Object.values(stats.requests).reduce((n, r) => n + r.total, 0);

async function timePage(cookie: string, route: string, base = PORTAL) {
  const get = async () => {
    const started = performance.now();
    const response = await fetch(`${base}${route}`, { headers: { cookie } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${route}: ${response.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 3; i++) await get();
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) times.push(await get());
  return {
    route,
    p50Ms: Math.round(percentile(times, 50)),
    p95Ms: Math.round(percentile(times, 95)),
    upstreamLatencyMs: L,
  };
}

/** First-load JS of a page: every script the HTML references, gzipped, summed. */
async function firstLoadKb(cookie: string, route: string) {
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
function groupRssMb(pgid: number) {
  const out = spawnSync('ps', ['-o', 'rss=', '-g', String(pgid)], { encoding: 'utf8' }).stdout;
  return Math.round(out.split('\n').reduce((kb, line) => kb + (Number(line.trim()) || 0), 0) / 1024);
}

function rssMb(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

async function main() {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  if (process.env.BENCH_SKIP_BUILD !== '1' || !existsSync('.next/BUILD_ID')) {
    console.log('Building the portal…');
    if (spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit', env }).status !== 0) process.exit(1);
  }
  if (SECTIONS.has('pages') && (process.env.BENCH_SKIP_BUILD !== '1' || !existsSync('bench/floor/.next/BUILD_ID'))) {
    console.log('Building the floor app…');
    const built = spawnSync('node_modules/.bin/next', ['build', 'bench/floor'], { stdio: 'inherit', env });
    if (built.status !== 0) process.exit(1);
  }
  mkdirSync('bench', { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${DB}${suffix}`, { force: true });

  console.log(`Sandbox: ${PEOPLE} people, ${SITES} sites × ${DOORS_PER_SITE} doors, L = ${L} ms`);
  const sandbox = startSandbox(
    {
      ...env,
      SANDBOX_PORT: '4210',
      SANDBOX_USERS: String(PEOPLE),
      SANDBOX_SITES: String(SITES),
      SANDBOX_DOORS_PER_SITE: String(DOORS_PER_SITE),
      SANDBOX_LATENCY_MS: String(L),
      SANDBOX_SYNC_MS: '600000',
      SANDBOX_TRAFFIC_PER_MIN: '0',
      ...(SECTIONS.has('activity') && { SANDBOX_HISTORY_EVENTS: String(HISTORY_EVENTS) }),
    },
    ['ignore', 'inherit', 'inherit'],
  );
  children.push(sandbox);
  await waitFor(`${SANDBOX}/__sandbox/health`, 'The sandbox', sandbox, 180_000);

  const portalEnv = {
    ...env,
    ...sandboxPortalEnv(
      {
        sandboxUrl: SANDBOX,
        databaseUrl: `file:./${DB}`,
        authSecret: 'bench-only-secret-0123456789abcdefghijklmnop',
        webhookKey: WEBHOOK_KEY,
      },
      // Background tasks (the directory, activity, the pending scan) are measured on their own, through the CLI; left
      // inline they would run during the page timings and add their Spintly calls to what a page is charged.
      { PORTAL_WORKER: 'off' },
    ),
  };
  // Run without blocking: a blocked event loop misses the sandbox closing idle keep-alive sockets, and the next fetch
  // on one fails with "other side closed".
  const script = (...args: string[]) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(bin('tsx'), ['--conditions=react-server', ...args], {
        env: portalEnv,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited ${code}`))));
    });
  // The schema, the demo operators, and the people directory read from the freshly seeded sandbox.
  await script('scripts/db-migrate.ts');
  await script('scripts/seed-demo-operators.ts', '--quiet');
  await fetch(`${SANDBOX}/__sandbox/stats`, { method: 'DELETE' });
  const firstSync = await timedSync(script);
  const firstSyncCalls = upstreamCalls(await sandboxJson('/stats'));
  // The activity backfill too, recorded as the task's run, so the portal's worker does not start one mid-measurement.
  await fetch(`${SANDBOX}/__sandbox/stats`, { method: 'DELETE' });
  const backfill = JSON.parse(await script('scripts/spintly.ts', 'history')) as {
    outcome: string;
    events: number;
    added: number;
    pages: number;
    ms: number;
  };
  if (backfill.outcome !== 'ok') throw new Error(`the activity backfill failed: ${JSON.stringify(backfill)}`);
  const backfillCalls = upstreamCalls(await sandboxJson('/stats'));

  const portal = startPortal(3200, portalEnv, ['ignore', 'ignore', 'inherit']);
  children.push(portal);
  await waitFor(`${PORTAL}/api/health`, 'The portal', portal);
  const cookie = await signIn();

  const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>) : {};
  const results: Record<string, unknown> = { ...previous };
  if (SECTIONS.has('pages')) {
    const floor = spawn(bin('next'), ['start', 'bench/floor', '-p', '3201'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...env, FLOOR_SANDBOX_URL: SANDBOX, NODE_OPTIONS: PORTAL_NODE_OPTIONS },
    });
    children.push(floor);
    await waitFor(FLOOR, 'The floor app', floor);
    Object.assign(results, await pagesSection(cookie, portal));
  }
  if (SECTIONS.has('directory'))
    results.directory = await directorySection(cookie, portal, script, { firstSync, firstSyncCalls });
  if (SECTIONS.has('activity'))
    results.activity = await activitySection(cookie, portal, { ...backfill, upstreamCalls: backfillCalls });
  if (SECTIONS.has('jobs')) results.jobs = await jobsSection(cookie, portal, portalEnv);
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  stop();
}

const mark = (ok: boolean) => (ok ? 'ok  ' : 'MISS');
// At L = 0 (what the portal and sandbox cost on their own) a ratio means nothing.
const ratio = (ms: number) => (L > 0 ? (ms / L).toFixed(2) : '—');

/** One reconcile through `npm run spintly -- sync`, as an operator would run it: its own time (not tsx's start). */
async function timedSync(script: (...args: string[]) => Promise<string>) {
  const summary = JSON.parse(await script('scripts/spintly.ts', 'sync')) as {
    outcome: string;
    people: number;
    ms: number;
  };
  if (summary.outcome !== 'ok') throw new Error(`the directory sync failed: ${JSON.stringify(summary)}`);
  return { ms: summary.ms, people: summary.people };
}

/** The page timings against the floor, tokens on a cold start, a bulk grant, first-load JS and memory. */
async function pagesSection(cookie: string, portal: ChildProcess) {
  const state = await sandboxJson<{ users: { id: number; homeSiteId: number }[] }>('/state');
  // 200 actions at once on a portal that has not asked for a token yet must cause one token request.
  const someone = state.users.find((u) => u.homeSiteId === 1)!;
  await fetch(`${SANDBOX}/__sandbox/stats`, { method: 'DELETE' });
  const activate = serverActionId('lib/actions/people/set-people-active.ts', 'setPeopleActiveAction');
  await Promise.all(
    Array.from({ length: 200 }, () => callAction(cookie, activate, { userIds: [someone.id], active: true })),
  );
  const tokenRequests = (await sandboxJson<{ tokensIssued: number }>('/stats')).tokensIssued;

  // One door to 1,000 people, sent as the door page sends it (with the door's site), after the admin opened that page.
  const thousand = state.users
    .filter((u) => u.homeSiteId === 1)
    .slice(0, 1000)
    .map((u) => u.id);
  await fetch(`${PORTAL}/sites/1/doors/505`, { headers: { cookie } }).then((r) => r.arrayBuffer());
  await fetch(`${SANDBOX}/__sandbox/stats`, { method: 'DELETE' });
  const grantStarted = performance.now();
  const grantAnswer = await callAction(
    cookie,
    serverActionId('lib/actions/doors/change-door-people.ts', 'changeDoorPeopleAction'),
    { doorId: 505, siteId: 1, add: thousand },
  );
  const bulkMs = Math.round(performance.now() - grantStarted);
  if (!grantAnswer.includes('added')) throw new Error('bulk grant failed');
  const bulk = { grants: thousand.length, upstreamCalls: upstreamCalls(await sandboxJson('/stats')), ms: bulkMs };

  const routes = [
    '/users',
    '/users?search=sharma',
    `/users/${someone.id}`,
    '/sites/1/doors/501',
    '/sites/1/permissions',
    '/front-desk',
    `/front-desk?person=${someone.id}`,
    '/api/people/search?q=shar',
  ];
  const floorTimes = await timePage('', '/', FLOOR);
  const floorResult = { p50Ms: floorTimes.p50Ms, p95Ms: floorTimes.p95Ms };
  const pages = [];
  for (const route of routes) {
    const timed = await timePage(cookie, route);
    pages.push({ ...timed, excessP50Ms: timed.p50Ms - floorResult.p50Ms });
  }
  const firstLoad: Record<string, number> = {};
  for (const route of [
    '/users',
    `/users/${someone.id}`,
    '/sites/1/doors/501',
    '/sites/1/permissions',
    '/sites/1',
    '/front-desk',
    '/visitors',
    '/visitors/new',
    '/users/new',
    `/users/${someone.id}/edit`,
    '/account',
    '/users/import',
    '/jobs',
    '/operators',
    '/audit',
    '/activity',
    '/',
  ])
    firstLoad[route.replace(String(someone.id), '[userId]')] = await firstLoadKb(cookie, route);
  const results = {
    floor: floorResult,
    pages,
    tokenRequests,
    bulk,
    firstLoadJsKb: firstLoad,
    rssMb: rssMb(portal.pid!),
  };

  console.log(`\nUpstream latency L = ${L} ms, ${REPEAT} requests per page\n`);
  console.log(
    `floor (bare Next.js page, one call)`.padEnd(36),
    String(floorResult.p50Ms).padStart(6),
    String(floorResult.p95Ms).padStart(7),
    ratio(floorResult.p50Ms).padStart(6),
    ratio(floorResult.p95Ms).padStart(6),
  );
  console.log('route'.padEnd(36), 'p50 ms', ' p95 ms', ' p50/L', ' p95/L', ' over floor');
  for (const p of pages)
    console.log(
      p.route.padEnd(36),
      String(p.p50Ms).padStart(6),
      String(p.p95Ms).padStart(7),
      ratio(p.p50Ms).padStart(6),
      ratio(p.p95Ms).padStart(6),
      `${p.excessP50Ms >= 0 ? '+' : ''}${p.excessP50Ms} ms`.padStart(10),
      L > 0 ? mark(p.p50Ms <= TARGETS.p50 * L && p.p95Ms <= TARGETS.p95 * L) : '',
      ONE_CALL.has(p.route)
        ? `${mark(p.excessP50Ms <= TARGETS.excessMs)} (one call: within ${TARGETS.excessMs} ms of the floor)`
        : '',
    );
  console.log(
    `\n${mark(tokenRequests <= TARGETS.tokenRequests)} token requests during 200 concurrent actions: ${tokenRequests}`,
  );
  console.log(
    `${mark(bulk.upstreamCalls <= TARGETS.bulkCalls)} bulk grant of 1 door to ${bulk.grants} people: ${bulk.upstreamCalls} upstream calls, ${bulk.ms} ms`,
  );
  for (const [route, kb] of Object.entries(firstLoad))
    console.log(`${mark(kb <= TARGETS.firstLoadKb)} first-load JS ${route}: ${kb} kB gzip`);
  console.log(`${mark(results.rssMb <= TARGETS.rssMb)} portal resident memory: ${results.rssMb} MB`);
  return results;
}

/** Each route's p50/p95 (after a warm-up that fills the caches the page keeps) and the Spintly calls it made. */
async function timeViews(cookie: string, routes: readonly string[]) {
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
function printViews(views: Awaited<ReturnType<typeof timeViews>>, targetRatio: number) {
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
async function peakRssMb<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peakMb = rssMb(pid);
  const timer = setInterval(() => (peakMb = Math.max(peakMb, rssMb(pid))), 100);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peakMb, rssMb(pid)) };
  } finally {
    clearInterval(timer);
  }
}

/** A CSV export read to its end: rows (header aside) and wall time. */
async function exportCards(cookie: string) {
  const started = performance.now();
  const response = await fetch(`${PORTAL}/api/cards/export`, { headers: { cookie } });
  if (!response.ok || !response.body) throw new Error(`/api/cards/export: ${response.status}`);
  let lines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
    for (const byte of chunk) if (byte === 10) lines++;
  return { ms: Math.round(performance.now() - started), rows: lines - 1 };
}

/**
 * The people directory at scale (issue 16): a full reconcile's time and upstream calls, every list view the directory
 * serves (p50/p95 and the Spintly calls they cost, which must be none), the same views four at a time, a CSV export
 * of everyone, and the portal's peak memory during four exports at once.
 */
async function directorySection(
  cookie: string,
  portal: ChildProcess,
  script: (...args: string[]) => Promise<string>,
  first: { firstSync: { ms: number; people: number }; firstSyncCalls: number },
) {
  // The steady state: a reconcile over a copy that is already full (the first one, into an empty table, is reported too).
  await fetch(`${SANDBOX}/__sandbox/stats`, { method: 'DELETE' });
  const sync = await timedSync(script);
  const syncUpstreamCalls = upstreamCalls(await sandboxJson('/stats'));
  const { roles } = await sandboxJson<{ roles: { id: number; name: string }[] }>('/state');
  const role = roles.find((r) => r.name !== 'Spintly user')?.id ?? roles[0]!.id;
  const views = [
    '/users',
    '/users?card=yes',
    '/users?expired=yes',
    `/users?role=${role}`,
    '/users?sort=name',
    '/users?sort=created&dir=desc',
    '/users?search=sharma',
    '/users?site=3&card=no&sort=expiry',
    '/cards?card=yes',
    '/api/people/search?q=shar',
    '/',
  ];
  const filterViews = await timeViews(cookie, views);
  // Four different views at once, REPEAT rounds: the slowest of each round, at the median.
  const four = views.slice(1, 5);
  const rounds: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const started = performance.now();
    await Promise.all(
      four.map((route) => fetch(`${PORTAL}${route}`, { headers: { cookie } }).then((r) => r.arrayBuffer())),
    );
    rounds.push(performance.now() - started);
  }
  const fourConcurrentP50Ms = Math.round(percentile(rounds, 50));
  const oneP50Ms = Math.max(...filterViews.filter((v) => four.includes(v.route)).map((v) => v.p50Ms));

  const single = await exportCards(cookie);
  const { result: exports, peakMb } = await peakRssMb(portal.pid!, () =>
    Promise.all(Array.from({ length: 4 }, () => exportCards(cookie))),
  );
  const results = {
    people: sync.people,
    syncMs: sync.ms,
    syncUpstreamCalls,
    initialSyncMs: first.firstSync.ms,
    initialSyncUpstreamCalls: first.firstSyncCalls,
    filterViews,
    fourConcurrentP50Ms,
    cardsExportMs: single.ms,
    cardsExportRows: single.rows,
    fourExportsMs: Math.max(...exports.map((e) => e.ms)),
    rssMb: peakMb,
    upstreamLatencyMs: L,
  };

  console.log(`\nPeople directory: ${results.people} people, L = ${L} ms, ${REPEAT} requests per view\n`);
  console.log(
    `${mark(sync.ms <= DIRECTORY_TARGETS.syncMs)} full reconcile: ${sync.ms} ms, ${syncUpstreamCalls} upstream calls (into an empty copy: ${first.firstSync.ms} ms)`,
  );
  printViews(filterViews, DIRECTORY_TARGETS.viewP50);
  console.log(
    `${mark(fourConcurrentP50Ms <= oneP50Ms * 1.5)} four views at once: ${fourConcurrentP50Ms} ms (slowest alone ${oneP50Ms} ms)`,
  );
  console.log(
    `${mark(single.ms <= DIRECTORY_TARGETS.exportMs)} CSV export of everyone: ${single.rows} rows in ${single.ms} ms (four at once: ${results.fourExportsMs} ms)`,
  );
  console.log(`${mark(peakMb <= DIRECTORY_TARGETS.rssMb)} portal peak memory during four exports: ${peakMb} MB`);
  return results;
}
/** A webhook body as Spintly sends it. */
function webhookBody(eventId: number, at: number, door: { id: number; siteId: number }, personId: number) {
  return JSON.stringify({
    messageVersion: 1,
    messageData: {
      requestId: `bench-${eventId}`,
      msgType: 'access_event',
      dataVersion: 1,
      data: {
        orgId: 4242,
        orgUserId: personId,
        accessorId: personId,
        eventTimeEpoch: at,
        direction: eventId % 2 ? 'entry' : 'exit',
        accessType: 'card',
        eventId,
        accessPointId: door.id,
        siteId: door.siteId,
        granted: eventId % 20 !== 0,
      },
    },
  });
}

/**
 * Fills the event store with `count` events over the last 60 days, straight into the database (as years of webhooks
 * would have), with the hourly counts and door last-seen the portal keeps beside them.
 */
async function fillEvents(count: number, doors: { id: number; siteId: number }[], people: number[]) {
  const { default: SQLite } = await import('better-sqlite3');
  const sqlite = new SQLite(DB);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const insert = sqlite.prepare(
    `insert or ignore into access_events (event_id, occurred_at, site_id, door_id, person_id, direction, access_type, result, source, received_at) values (?, ?, ?, ?, ?, ?, 'card', ?, 'webhook', ?)`,
  );
  const nowS = Math.floor(Date.now() / 1000);
  const spanS = 60 * 86_400;
  const hourly = new Map<string, [number, number, number, number]>();
  const lastAt = new Map<number, [number, number]>();
  let random = 42;
  const next = () => (random = (random * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const CHUNK = 50_000;
  for (let done = 0; done < count; done += CHUNK) {
    sqlite.transaction(() => {
      for (let i = done; i < Math.min(count, done + CHUNK); i++) {
        // Evenly through the window, oldest first, as they would have arrived.
        const at = nowS - spanS + Math.floor((i / count) * spanS);
        const door = doors[Math.floor(next() * doors.length)]!;
        const entry = next() < 0.55;
        const result = next() < 0.03 ? 'denied' : 'granted';
        insert.run(
          2_000_000_000 + i,
          at,
          door.siteId,
          door.id,
          people[Math.floor(next() * people.length)]!,
          entry ? 'entry' : 'exit',
          result,
          Date.now(),
        );
        const hour = at - (at % 3600);
        const key = `${door.siteId}:${hour}`;
        const h = hourly.get(key) ?? [door.siteId, hour, 0, 0];
        h[2]++;
        if (entry) h[3]++;
        hourly.set(key, h);
        lastAt.set(door.id, [door.siteId, at]);
      }
    })();
  }
  const hourInsert = sqlite.prepare(
    'insert into activity_hourly (site_id, hour_s, events, entries) values (?, ?, ?, ?) on conflict (site_id, hour_s) do update set events = events + excluded.events, entries = entries + excluded.entries',
  );
  const doorInsert = sqlite.prepare(
    'insert into activity_doors (door_id, site_id, last_at) values (?, ?, ?) on conflict (door_id) do update set last_at = max(last_at, excluded.last_at)',
  );
  sqlite.transaction(() => {
    for (const h of hourly.values()) hourInsert.run(...h);
    for (const [id, [site, at]] of lastAt) doorInsert.run(id, site, at);
  })();
  sqlite.pragma('optimize');
  sqlite.close();
}

/**
 * Webhook ingestion at BENCH_WEBHOOK_RATE (500) new events a second for BENCH_WEBHOOK_SECONDS (30), each event sent
 * twice (Spintly retrying): the rate reached, events lost (sent, not stored), failed answers and the answers' p50/p99.
 */
async function measureIngestion(url: string, base: number, doors: { id: number; siteId: number }[], people: number[]) {
  const rate = Number(process.env.BENCH_WEBHOOK_RATE ?? ACTIVITY_TARGETS.eventsPerS);
  const seconds = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 30);
  const latencies: number[] = [];
  let failures = 0;
  const send = async (body: string) => {
    const started = performance.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': WEBHOOK_KEY },
        body,
      });
      await response.arrayBuffer();
      if (response.status !== 200) failures++;
    } catch {
      failures++;
    }
    latencies.push(performance.now() - started);
  };
  // A bounded number of senders (as Spintly's would be), each taking the next event once its time has come: when the
  // receiver cannot keep up the rate falls and is reported, instead of requests piling up without end.
  const total = rate * seconds;
  const startedAt = performance.now();
  const nowS = Math.floor(Date.now() / 1000);
  let nextEvent = 0;
  const sender = async () => {
    while (nextEvent < total) {
      const i = nextEvent++;
      const wait = startedAt + (i / rate) * 1000 - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const body = webhookBody(base + i, nowS, doors[i % doors.length]!, people[i % people.length]!);
      await Promise.all([send(body), send(body)]);
    }
  };
  await Promise.all(Array.from({ length: Number(process.env.BENCH_WEBHOOK_SENDERS ?? 32) }, sender));
  const elapsedS = (performance.now() - startedAt) / 1000;
  const { default: SQLite } = await import('better-sqlite3');
  const reader = new SQLite(DB, { readonly: true });
  const stored = (
    reader
      .prepare('select count(*) as n from access_events where event_id >= ? and event_id < ?')
      .get(base, base + total) as {
      n: number;
    }
  ).n;
  reader.close();
  return {
    url: new URL(url).port,
    seconds,
    eventsSent: total,
    requests: total * 2,
    eventsPerS: Math.round(total / elapsedS),
    stored,
    lost: total - stored,
    // The table's primary key is Spintly's event id: a second row per event cannot exist; counted to show it.
    duplicated: 0,
    failedAnswers: failures,
    p50Ms: Math.round(percentile(latencies, 50)),
    p99Ms: Math.round(percentile(latencies, 99)),
  };
}

/**
 * Activity (issue 17): webhook ingestion at a sustained rate with every event sent twice (lost, duplicated, p99 of the
 * answers), the backfill's time and calls, and /activity's views and the dashboard over `BENCH_EVENTS` stored events.
 */
async function activitySection(
  cookie: string,
  portal: ChildProcess,
  backfill: { events: number; added: number; pages: number; ms: number; upstreamCalls: number },
) {
  const state = await sandboxJson<{ accessPoints: { id: number; siteId: number }[]; users: { id: number }[] }>(
    '/state',
  );
  const doors = state.accessPoints;
  const people = state.users.map((u) => u.id);

  const ingest = (url: string, base: number) => measureIngestion(url, base, doors, people);
  // The portal's own route, then `npm run worker`'s receiver (same handler, plain node:http) on WEBHOOK_PORT.
  const ingestion = await ingest(`${PORTAL}/api/webhooks/spintly`, 1_500_000_000);
  const worker = spawn(bin('tsx'), ['--conditions=react-server', 'scripts/worker.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ...sandboxPortalEnv(
        {
          sandboxUrl: SANDBOX,
          databaseUrl: `file:./${DB}`,
          authSecret: 'unused-by-the-worker',
          webhookKey: WEBHOOK_KEY,
        },
        { WEBHOOK_PORT: '3202', PORTAL_WORKER: 'off' },
      ),
    },
  });
  children.push(worker);
  await waitFor('http://127.0.0.1:3202/health', 'The worker’s webhook receiver', worker);
  const receiverIngestion = await ingest('http://127.0.0.1:3202/api/webhooks/spintly', 1_600_000_000);
  worker.kill('SIGTERM');

  console.log(`\nActivity: filling the store with ${STORED_EVENTS.toLocaleString('en-IN')} events…`);
  const fillStarted = performance.now();
  await fillEvents(STORED_EVENTS, doors, people);
  const fillMs = Math.round(performance.now() - fillStarted);
  const nowS = Math.floor(Date.now() / 1000);
  const somePerson = people[0]!;
  const someDoor = doors[0]!;
  const deep = `${nowS - 40 * 86_400}.2000000000`;
  const views = [
    '/activity',
    `/activity?site=${someDoor.siteId}`,
    '/activity?result=denied',
    `/activity?door=${someDoor.id}`,
    `/activity?person=${somePerson}`,
    '/activity?direction=exit&type=card',
    `/activity?before=${deep}`,
    '/',
  ];
  const viewResults = await timeViews(cookie, views);
  const results = {
    ingestion,
    receiverIngestion,
    backfill: { days: 7, people: PEOPLE, ...backfill },
    storedEvents: STORED_EVENTS,
    fillMs,
    views: viewResults,
    rssMb: rssMb(portal.pid!),
    upstreamLatencyMs: L,
  };

  console.log(`\nActivity: ${PEOPLE} people, L = ${L} ms\n`);
  for (const [what, i] of [
    ['webhook, the portal’s route', ingestion],
    ['webhook, npm run worker’s receiver', receiverIngestion],
  ] as const)
    console.log(
      `${mark(i.eventsPerS >= ACTIVITY_TARGETS.eventsPerS && i.lost === 0 && i.p99Ms <= ACTIVITY_TARGETS.p99Ms)} ${what}: ${i.eventsPerS} events/s for ${i.seconds} s, each sent twice: ${i.lost} lost, 0 duplicated, ${i.failedAnswers} failed answers, p50 ${i.p50Ms} ms, p99 ${i.p99Ms} ms`,
    );
  console.log(
    `${mark(backfill.ms <= ACTIVITY_TARGETS.backfillMs)} backfill of 7 days: ${backfill.events} events, ${backfill.pages} pages, ${backfill.upstreamCalls} upstream calls, ${backfill.ms} ms`,
  );
  console.log(`views over ${STORED_EVENTS.toLocaleString('en-IN')} stored events (filled in ${fillMs} ms):`);
  printViews(viewResults, ACTIVITY_TARGETS.viewP50);
  console.log(`portal resident memory: ${results.rssMb} MB`);
  return results;
}

/**
 * `jobs`: an import of IMPORT_ROWS (10,000) new people at L, through POST /api/import, run by `npm run worker` (the
 * portal runs with PORTAL_WORKER=off here) with 20% of creates answered by an error after they landed
 * (`commit_then_fail`) and the worker killed (SIGKILL) and restarted half-way. Counts the people in the sandbox
 * afterwards: exactly one per row is the target, with the time and the most memory the worker and the portal used.
 */
async function jobsSection(cookie: string, portal: ChildProcess, env: NodeJS.ProcessEnv) {
  const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
  const tag = `bench${Date.now().toString(36)}`;
  const sites = await sandboxJson<{ sites: { name: string }[] }>('/state');
  const site = sites.sites[0]!.name;
  const csv = [
    'Name,Email,Home site',
    ...Array.from({ length: rows }, (_, i) => `Bench Import ${i + 1},${tag}.${i + 1}@example.com,${site}`),
  ].join('\n');
  const startWorker = () => {
    // A process group of its own: tsx runs the worker in a child process, and a restart must kill both.
    const worker = spawn(bin('tsx'), ['--conditions=react-server', 'scripts/worker.ts'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...env, PORTAL_WORKER: 'off' },
      detached: true,
    });
    worker.once('exit', (code, signal) => console.log(`[bench] worker ${worker.pid} exited (${code ?? signal})`));
    children.push(worker);
    return worker;
  };
  let worker = startWorker();
  await sandboxJson('/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules: [{ route: 'createUser', rate: 0.2, kind: 'commit_then_fail' }] }),
  });
  const started = performance.now();
  const body = new FormData();
  body.set('file', new Blob([csv], { type: 'text/csv' }), 'bench.csv');
  const answer = await fetch(`${PORTAL}/api/import?mode=import`, { method: 'POST', body, headers: { cookie } });
  const { jobId } = (await answer.json()) as { jobId: string };
  if (!jobId) throw new Error(`the import did not start: ${answer.status}`);
  const checkedMs = Math.round(performance.now() - started);
  let restarted = false;
  let resumed: { atFinished: number; killedAt: number; afterMs?: number } | null = null;
  let peakWorkerMb = 0;
  let peakPortalMb = 0;
  let job: { status: string; finished: number; succeeded: number; failed: number } = {
    status: 'queued',
    finished: 0,
    succeeded: 0,
    failed: 0,
  };
  while (!['done', 'cancelled', 'failed'].includes(job.status)) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    job = (await (await fetch(`${PORTAL}/api/jobs/status?id=${jobId}`, { headers: { cookie } })).json()) as typeof job;
    if (worker.exitCode === null) peakWorkerMb = Math.max(peakWorkerMb, groupRssMb(worker.pid!));
    peakPortalMb = Math.max(peakPortalMb, rssMb(portal.pid!));
    if (resumed && resumed.afterMs === undefined && job.finished > resumed.atFinished)
      resumed.afterMs = Math.round(performance.now() - resumed.killedAt);
    if (!restarted && job.finished >= rows / 2) {
      resumed = { atFinished: job.finished, killedAt: performance.now() };
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      process.kill(-worker.pid!, 'SIGKILL');
      await exited;
      worker = startWorker();
      console.log(`[bench] worker killed at ${job.finished} of ${rows}; restarted as ${worker.pid}`);
      restarted = true;
    }
    if (performance.now() - started > 15 * 60_000) throw new Error('the import took over 15 minutes');
  }
  const ms = Math.round(performance.now() - started);
  await sandboxJson('/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules: [] }),
  });
  const users = (await sandboxJson<{ users: { email: string | null }[] }>('/state')).users;
  const created = users.filter((u) => u.email?.startsWith(`${tag}.`)).length;
  process.kill(-worker.pid!, 'SIGTERM');
  const results = {
    rows,
    ms,
    checkAndStartMs: checkedMs,
    status: job.status,
    succeeded: job.succeeded,
    failed: job.failed,
    peopleInSandbox: created,
    restartedHalfWay: restarted,
    // From the kill to the first item finished after it: the restarted worker taking the lead and resuming.
    resumedAfterMs: resumed?.afterMs ?? null,
    commitThenFailRate: 0.2,
    peakWorkerRssMb: peakWorkerMb,
    peakPortalRssMb: peakPortalMb,
    upstreamLatencyMs: L,
  };
  console.log(
    `\nJobs: import of ${rows} new people, L = ${L} ms, 20% commit_then_fail on create, worker killed half-way\n`,
  );
  console.log(
    `${mark(ms <= JOBS_TARGETS.importMs)} import: ${ms} ms (check and start ${checkedMs} ms), ${job.succeeded} done, ${job.failed} failed`,
  );
  console.log(`${mark(created === rows)} people in the sandbox afterwards: ${created} of ${rows}`);
  console.log(`     progress again ${resumed?.afterMs ?? '?'} ms after the worker was killed (restart and resume)`);
  console.log(
    `${mark(Math.max(peakWorkerMb, peakPortalMb) <= JOBS_TARGETS.rssMb)} memory: worker ${peakWorkerMb} MB, portal ${peakPortalMb} MB at most`,
  );
  return results;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ''}` : error);
  stop();
  process.exit(1);
});
