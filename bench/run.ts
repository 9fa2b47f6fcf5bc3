/**
 * `npm run bench`: how close each page is to the floor set by one Spintly round trip, and what the people directory
 * buys at 100,000 people.
 *
 * `BENCH_SECTIONS` (comma-separated) picks what is measured, so each run stays within a few minutes:
 * - `pages` (the default): the section below;
 * - `directory`: the people directory at scale — run with `BENCH_PEOPLE=100000` (20 sites × 50 doors);
 * - `activity`: the webhook, the backfill and the activity views;
 * - `jobs`: an import of 10,000 new people as a job (BENCH_IMPORT_ROWS), with faults and a restart half-way;
 * - `groups`: an access group of 2,000 members × 10 doors applied as jobs, then half of it ending at once.
 * - `reviews`: an access review of about 10,000 items: the reviewer's page, and "keep all shown" of 1,000.
 * - `hold`: measures nothing; keeps the sandbox, the portal and the floor up and prints the signed-in cookie, for
 *   profiling by hand (NODE_OPTIONS reaches the portal, e.g. `--cpu-prof`).
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
 * same sandbox and renders a small table. Every page is requested in turn with the floor and its line shows its excess
 * over the floor's p50 of those same minutes, so what the portal itself costs (session, operator, CSP, render) is read
 * off directly, whatever this machine's speed today or a minute later.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  PORTAL_NODE_OPTIONS,
  PORTAL_SERVER_BUNDLE,
  bin,
  sandboxPortalEnv,
  startPortal,
  startSandbox,
  waitFor,
} from '../scripts/processes';
import {
  L,
  SECTIONS,
  PEOPLE,
  SITES,
  DOORS_PER_SITE,
  RESULTS,
  WEBHOOK_KEY,
  HISTORY_EVENTS,
  SANDBOX,
  PORTAL,
  FLOOR,
  DB,
  children,
  stop,
  signIn,
  sandboxJson,
  upstreamCalls,
  timedSync,
} from './harness';
import { pagesSection } from './sections/pages';
import { directorySection } from './sections/directory';
import { PORTAL_PROCESSES } from './harness';
import { activitySection } from './sections/activity';
import { jobsSection } from './sections/jobs';
import { groupsSection } from './sections/groups';
import { reviewsSection } from './sections/reviews';

async function main() {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  if (process.env.BENCH_SKIP_BUILD !== '1' || !existsSync('.next/BUILD_ID') || !existsSync(PORTAL_SERVER_BUNDLE)) {
    console.log('Building the portal…');
    if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env }).status !== 0) process.exit(1);
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
      // PORTAL_PROCESSES (issue 32): the portal as a 2-core machine should run it, one process per core.
      { PORTAL_WORKER: 'off', PORTAL_PROCESSES: String(PORTAL_PROCESSES) },
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

  // Held, the portal's own lines (each Spintly call with when it began in its request) are printed too.
  const portal = startPortal(3200, portalEnv, ['ignore', SECTIONS.has('hold') ? 'inherit' : 'ignore', 'inherit']);
  children.push(portal);
  await waitFor(`${PORTAL}/api/health`, 'The portal', portal);
  const cookie = await signIn();

  const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>) : {};
  const results: Record<string, unknown> = { ...previous };
  if (SECTIONS.has('pages') || SECTIONS.has('hold')) {
    const floor = spawn(bin('next'), ['start', 'bench/floor', '-p', '3201'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...env, FLOOR_SANDBOX_URL: SANDBOX, NODE_OPTIONS: PORTAL_NODE_OPTIONS },
    });
    children.push(floor);
    await waitFor(FLOOR, 'The floor app', floor);
    if (SECTIONS.has('pages')) Object.assign(results, await pagesSection(cookie, portal));
  }
  if (SECTIONS.has('hold')) {
    // For profiling by hand against exactly what the bench measures: everything stays up until Ctrl-C.
    console.log(`Holding: portal ${PORTAL}, floor ${FLOOR}, sandbox ${SANDBOX}\ncookie: ${cookie}`);
    await new Promise<never>(() => {});
  }
  if (SECTIONS.has('directory'))
    results.directory = await directorySection(cookie, portal, portalEnv, script, { firstSync, firstSyncCalls });
  if (SECTIONS.has('activity'))
    results.activity = await activitySection(cookie, portal, { ...backfill, upstreamCalls: backfillCalls });
  if (SECTIONS.has('jobs')) results.jobs = await jobsSection(cookie, portal, portalEnv);
  if (SECTIONS.has('groups')) results.groups = await groupsSection(cookie, portalEnv);
  if (SECTIONS.has('reviews')) results.reviews = await reviewsSection(cookie);
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  stop();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ''}` : error);
  stop();
  process.exit(1);
});
