import { type ChildProcess } from 'node:child_process';
import {
  L,
  REPEAT,
  SANDBOX,
  PORTAL,
  DIRECTORY_TARGETS,
  percentile,
  sandboxJson,
  upstreamCalls,
  mark,
  timedSync,
  timeViews,
  printViews,
  peakRssMb,
  PORTAL_PROCESSES,
  CLUSTER_PROCESSES,
  CLUSTER_PORTAL,
  signIn,
  timePage,
} from '../harness';
import { startPortal, waitFor } from '../../scripts/processes';

/** A CSV export read to its end: rows (header aside) and wall time. */
export async function exportCards(cookie: string) {
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
 * serves — companies and a company's people too (issue 28) — (p50/p95 and the Spintly calls they cost, which must be
 * none), the same views four at a time, a CSV export
 * of everyone, and the portal's peak memory during four exports at once.
 */
export async function directorySection(
  cookie: string,
  portal: ChildProcess,
  portalEnv: NodeJS.ProcessEnv,
  script: (...args: string[]) => Promise<string>,
  first: { firstSync: { ms: number; people: number }; firstSyncCalls: number },
) {
  // The steady state: a reconcile over a copy that is already full (the first one, into an empty table, is reported too).
  await fetch(`${SANDBOX}/__sandbox/stats`, { method: 'DELETE' });
  const sync = await timedSync(script);
  const syncUpstreamCalls = upstreamCalls(await sandboxJson('/stats'));
  const { roles } = await sandboxJson<{ roles: { id: number; name: string }[] }>('/state');
  const role = roles.find((r) => r.name !== 'Spintly user')?.id ?? roles[0]!.id;
  // The companies, as the demo makes them from the sandbox's "Company" values (company 1 is the first).
  await script('scripts/seed-demo-companies.ts');
  const views = [
    '/companies',
    '/companies?site=1',
    '/users?company=1',
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
  // Four different views at once, REPEAT rounds: the slowest of each round, at the median — on this portal, and on a
  // portal of CLUSTER_PROCESSES processes (PORTAL_PROCESSES) against the same database, each against its own "one".
  const four = views.slice(4, 8);
  const atOnce = async (base: string, session: string) => {
    const get = (route: string) =>
      fetch(`${base}${route}`, { headers: { cookie: session } }).then((r) => r.arrayBuffer());
    for (let i = 0; i < 5; i++) await Promise.all(four.map(get)); // every process warm
    const rounds: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      const started = performance.now();
      await Promise.all(four.map(get));
      rounds.push(performance.now() - started);
    }
    return Math.round(percentile(rounds, 50));
  };
  const fourConcurrentP50Ms = await atOnce(PORTAL, cookie);
  const oneP50Ms = Math.max(...filterViews.filter((v) => four.includes(v.route)).map((v) => v.p50Ms));
  const cluster = startPortal(
    Number(new URL(CLUSTER_PORTAL).port),
    { ...portalEnv, PORTAL_PROCESSES: String(CLUSTER_PROCESSES) },
    ['ignore', 'ignore', 'inherit'],
  );
  let clustered: { processes: number; oneP50Ms: number; fourConcurrentP50Ms: number };
  try {
    await waitFor(`${CLUSTER_PORTAL}/api/health`, 'The clustered portal', cluster);
    const session = await signIn(CLUSTER_PORTAL);
    const ones = [];
    for (const route of four) ones.push((await timePage(session, route, CLUSTER_PORTAL)).p50Ms);
    clustered = {
      processes: CLUSTER_PROCESSES,
      oneP50Ms: Math.max(...ones),
      fourConcurrentP50Ms: await atOnce(CLUSTER_PORTAL, session),
    };
  } finally {
    cluster.kill('SIGTERM');
  }

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
    clustered,
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
    `info four views at once, ${PORTAL_PROCESSES} portal process(es): ${fourConcurrentP50Ms} ms (slowest alone ${oneP50Ms} ms)`,
  );
  console.log(
    `${mark(clustered.fourConcurrentP50Ms <= clustered.oneP50Ms * 1.5)} four views at once, PORTAL_PROCESSES=${clustered.processes}: ${clustered.fourConcurrentP50Ms} ms (slowest alone ${clustered.oneP50Ms} ms; target ≤ 1.5×)`,
  );
  console.log(
    `${mark(single.ms <= DIRECTORY_TARGETS.exportMs)} CSV export of everyone: ${single.rows} rows in ${single.ms} ms (four at once: ${results.fourExportsMs} ms)`,
  );
  console.log(`${mark(peakMb <= DIRECTORY_TARGETS.rssMb)} portal peak memory during four exports: ${peakMb} MB`);
  return results;
}
