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
} from '../harness';

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
  // Four different views at once, REPEAT rounds: the slowest of each round, at the median.
  const four = views.slice(4, 8);
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
