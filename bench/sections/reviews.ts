import Database from 'better-sqlite3';
import { serverActionId } from '../../scripts/server-actions';
import {
  DB,
  L,
  REVIEWS_TARGETS,
  SANDBOX,
  callAction,
  mark,
  ratio,
  sandboxJson,
  timePage,
  upstreamCalls,
} from '../harness';

type World = {
  accessPoints: { id: number; siteId: number }[];
  permissions: { accessPointId: number; userIds: number[] }[];
};

const ITEMS = Number(process.env.BENCH_REVIEW_ITEMS ?? 10_000);
const KEEP_AT_ONCE = 1_000;

/** The first undecided items' ids, in the page's order, read from the store the page reads. */
function undecidedIds(reviewId: string, limit: number): number[] {
  const db = new Database(DB, { readonly: true });
  try {
    const rows = db
      .prepare('select id from review_items where review_id = ? and decision is null order by person_name, id limit ?')
      .all(reviewId, limit) as { id: number }[];
    return rows.map((r) => r.id);
  } finally {
    db.close();
  }
}

/**
 * `reviews` (issue 31): a review of about ITEMS items (site-1 doors until their holders reach ITEMS; its site admins
 * review it) started through the action as the form sends it; the reviewer's page of undecided items timed at L with
 * the upstream calls it makes (target ≤ 0.6 L, 0 calls); then "Keep all shown" of 1,000 items at once (the most one
 * request carries), timed (target under a second) and counted.
 */
export async function reviewsSection(cookie: string) {
  const world = await sandboxJson<World>('/state');
  const holders = new Map(world.permissions.map((p) => [p.accessPointId, p.userIds.length]));
  const doors: number[] = [];
  let expected = 0;
  for (const door of world.accessPoints.filter((d) => d.siteId === 1)) {
    if (expected >= ITEMS) break;
    doors.push(door.id);
    expected += holders.get(door.id) ?? 0;
  }
  const startedAt = performance.now();
  const answer = await callAction(cookie, serverActionId('lib/actions/reviews/start-review.ts', 'startReviewAction'), {
    name: `Bench review ${Date.now().toString(36)}`,
    scopeKind: 'doors',
    doorIds: doors.map(String),
    reviewerKind: 'site_admins',
    operatorIds: [],
    dueOn: '2099-12-31',
    unreviewed: 'keep',
  });
  const startMs = Math.round(performance.now() - startedAt);
  const reviewId = /"reviewId":"([0-9a-f-]{36})"/.exec(answer)?.[1];
  if (!reviewId) throw new Error(`the review did not start: ${answer.slice(0, 300)}`);
  const items = undecidedIds(reviewId, 1_000_000).length;

  await fetch(`${SANDBOX}/__sandbox/stats`, { method: 'DELETE' });
  const page = await timePage(cookie, `/reviews/${reviewId}`);
  const pageCalls = upstreamCalls(await sandboxJson('/stats'));
  // The same page with no rows to show, and the list of reviews: where the reviewer's page spends its time.
  const emptyPage = await timePage(cookie, `/reviews/${reviewId}?show=revoke`);
  const listPage = await timePage(cookie, '/reviews');

  const ids = undecidedIds(reviewId, KEEP_AT_ONCE);
  const keepStarted = performance.now();
  const kept = await callAction(cookie, serverActionId('lib/actions/reviews/decide.ts', 'decideReviewItemsAction'), {
    reviewId,
    itemIds: ids,
    decision: 'keep',
  });
  const keepMs = Math.round(performance.now() - keepStarted);
  const changed = Number(/"changed":(\d+)/.exec(kept)?.[1] ?? 0);

  const pageOk = page.p50Ms <= REVIEWS_TARGETS.pageP50 * L && pageCalls === 0;
  const keepOk = keepMs < REVIEWS_TARGETS.keepMs && changed === ids.length;
  console.log(`\n  Access reviews (${doors.length} doors, ${items} items, L = ${L} ms)`);
  console.log(`  info start (every door read from Spintly, frozen): ${startMs} ms`);
  console.log(
    `  ${mark(pageOk)} reviewer's page: p50 ${page.p50Ms} ms (${ratio(page.p50Ms)} L), p95 ${page.p95Ms} ms, ${pageCalls} upstream calls (target ≤ ${REVIEWS_TARGETS.pageP50} L, 0 calls)`,
  );
  console.log(
    `  info the same page with no rows: p50 ${emptyPage.p50Ms} ms; the list of reviews: p50 ${listPage.p50Ms} ms`,
  );
  console.log(
    `  ${mark(keepOk)} keep all ${ids.length} shown: ${keepMs} ms, ${changed} changed (target < ${REVIEWS_TARGETS.keepMs} ms)`,
  );
  return {
    doors: doors.length,
    items,
    startMs,
    page: { ...page, upstreamCalls: pageCalls },
    emptyPage,
    listPage,
    keepAll: { items: ids.length, ms: keepMs, changed },
  };
}
