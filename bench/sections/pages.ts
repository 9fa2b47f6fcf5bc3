import { type ChildProcess } from 'node:child_process';
import { serverActionId } from '../../scripts/server-actions';
import {
  L,
  REPEAT,
  SANDBOX,
  PORTAL,
  FLOOR,
  TARGETS,
  ONE_CALL,
  MATRIX_ROUTE,
  MATRIX_EXCESS_L,
  callAction,
  sandboxJson,
  upstreamCalls,
  timePage,
  timeAgainstFloor,
  firstLoadKb,
  rssMb,
  mark,
  ratio,
  PORTAL_PROCESSES,
} from '../harness';

/** The page timings against the floor, tokens on a cold start, a bulk grant, first-load JS and memory. */
export async function pagesSection(cookie: string, portal: ChildProcess) {
  const state = await sandboxJson<{ users: { id: number; homeSiteId: number }[] }>('/state');
  // 200 actions at once on a portal that has not asked for a token yet must cause one token request per process.
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
    // The person's doors with a Why? for each (issue 29: within 2 L).
    `/users/${someone.id}/permissions`,
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
    await fetch(`${SANDBOX}/__sandbox/stats`, { method: 'DELETE' });
    // Each page in turn with the floor, so its excess is over the floor of the same minutes.
    const { views, floorCalls, ...timed } = await timeAgainstFloor(cookie, route);
    // Spintly calls per view (warm-ups and timed), tokens and the floor's aside: the round trips the page waits on.
    const callsPerView = Math.round(((upstreamCalls(await sandboxJson('/stats')) - floorCalls) / views) * 10) / 10;
    pages.push({ ...timed, callsPerView });
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
    '/account/two-factor',
    '/users/import',
    '/jobs',
    '/operators',
    '/audit',
    '/activity',
    '/access-groups',
    '/access-groups/new',
    `/users/${someone.id}/permissions`,
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
  console.log('route'.padEnd(36), 'p50 ms', ' p95 ms', ' p50/L', ' p95/L', ' over floor', ' (floor)', ' calls');
  for (const p of pages)
    console.log(
      p.route.padEnd(36),
      String(p.p50Ms).padStart(6),
      String(p.p95Ms).padStart(7),
      ratio(p.p50Ms).padStart(6),
      ratio(p.p95Ms).padStart(6),
      `${p.excessP50Ms >= 0 ? '+' : ''}${p.excessP50Ms} ms`.padStart(10),
      `(${p.floorP50Ms})`.padStart(8),
      String(p.callsPerView).padStart(6),
      L > 0 ? mark(p.p50Ms <= TARGETS.p50 * L && p.p95Ms <= TARGETS.p95 * L) : '',
      ONE_CALL.has(p.route.replace(String(someone.id), '[id]'))
        ? `${mark(p.excessP50Ms <= TARGETS.excessMs)} (one round trip: within ${TARGETS.excessMs} ms of the floor)`
        : p.route === MATRIX_ROUTE
          ? `${mark(p.excessP50Ms <= MATRIX_EXCESS_L * L)} (every door at once: within ${MATRIX_EXCESS_L} L of the floor)`
          : '',
    );
  console.log(
    `\n${mark(tokenRequests <= TARGETS.tokenRequests * PORTAL_PROCESSES)} token requests during 200 concurrent actions: ${tokenRequests} (at most ${TARGETS.tokenRequests} per portal process, ${PORTAL_PROCESSES} processes)`,
  );
  console.log(
    `${mark(bulk.upstreamCalls <= TARGETS.bulkCalls)} bulk grant of 1 door to ${bulk.grants} people: ${bulk.upstreamCalls} upstream calls, ${bulk.ms} ms`,
  );
  for (const [route, kb] of Object.entries(firstLoad))
    console.log(`${mark(kb <= TARGETS.firstLoadKb)} first-load JS ${route}: ${kb} kB gzip`);
  console.log(`${mark(results.rssMb <= TARGETS.rssMb)} portal resident memory: ${results.rssMb} MB`);
  return results;
}
