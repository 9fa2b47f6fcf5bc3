/**
 * `npm run bench`: how close each page is to the floor set by one Spintly round trip.
 *
 * Starts the sandbox with 10,000 people, 5 sites × 40 doors and a fixed upstream latency L (BENCH_LATENCY_MS, default
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
import { PORTAL_NODE_OPTIONS, bin, startPortal, startSandbox, waitFor } from '../scripts/processes';
import { serverActionId } from '../scripts/server-actions';

const L = Number(process.env.BENCH_LATENCY_MS ?? 50);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 30);
const SANDBOX = 'http://127.0.0.1:4210';
const PORTAL = 'http://127.0.0.1:3200';
const FLOOR = 'http://127.0.0.1:3201';
const DB = 'data/bench.db';
const children: ChildProcess[] = [];

const TARGETS = { p50: 1.3, p95: 2, tokenRequests: 1, bulkCalls: 1, firstLoadKb: 150, rssMb: 300, excessMs: 5 };
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
  if (process.env.BENCH_SKIP_BUILD !== '1' || !existsSync('bench/floor/.next/BUILD_ID')) {
    console.log('Building the floor app…');
    const built = spawnSync('node_modules/.bin/next', ['build', 'bench/floor'], { stdio: 'inherit', env });
    if (built.status !== 0) process.exit(1);
  }
  mkdirSync('bench', { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${DB}${suffix}`, { force: true });

  const sandbox = startSandbox(
    {
      ...env,
      SANDBOX_PORT: '4210',
      SANDBOX_USERS: '10000',
      SANDBOX_SITES: '5',
      SANDBOX_DOORS_PER_SITE: '40',
      SANDBOX_LATENCY_MS: String(L),
      SANDBOX_SYNC_MS: '600000',
    },
    ['ignore', 'inherit', 'inherit'],
  );
  children.push(sandbox);
  await waitFor(`${SANDBOX}/__sandbox/health`, 'The sandbox', sandbox);

  const portalEnv = {
    ...env,
    SPINTLY_API_URL: SANDBOX,
    SPINTLY_CLIENT_ID: 'demo-client',
    SPINTLY_CLIENT_SECRET: 'demo-secret',
    SPINTLY_ORG_ID: '4242',
    DATABASE_URL: `file:./${DB}`,
    AUTH_SECRET: 'bench-only-secret-0123456789abcdefghijklmnop',
    AUTH_TRUST_HOST: 'true',
  };
  // The schema, the demo operators, and the people directory read from the freshly seeded sandbox.
  for (const args of [
    ['scripts/db-migrate.ts'],
    ['scripts/seed-demo-operators.ts', '--quiet'],
    ['scripts/spintly.ts', 'sync'],
  ])
    if (
      spawnSync(bin('tsx'), ['--conditions=react-server', ...args], {
        env: portalEnv,
        stdio: ['ignore', 'ignore', 'inherit'],
      }).status !== 0
    )
      process.exit(1);
  const portal = startPortal(3200, portalEnv, ['ignore', 'ignore', 'inherit']);
  children.push(portal);
  const floor = spawn(bin('next'), ['start', 'bench/floor', '-p', '3201'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...env, FLOOR_SANDBOX_URL: SANDBOX, NODE_OPTIONS: PORTAL_NODE_OPTIONS },
  });
  children.push(floor);
  await waitFor(`${PORTAL}/api/health`, 'The portal', portal);
  await waitFor(FLOOR, 'The floor app', floor);
  const cookie = await signIn();

  // Cold start: the portal has not talked to Spintly yet. 200 actions at once must cause one token request.
  const state = await sandboxJson<{ users: { id: number; homeSiteId: number }[] }>('/state');
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
    '/front-desk',
    '/operators',
    '/audit',
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
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);

  const mark = (ok: boolean) => (ok ? 'ok  ' : 'MISS');
  // At L = 0 (what the portal and sandbox cost on their own) a ratio means nothing.
  const ratio = (ms: number) => (L > 0 ? (ms / L).toFixed(2) : '—');
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
  stop();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stop();
  process.exit(1);
});
