import 'server-only';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { can, operatorScope, sitesInScope } from '../auth/permissions';
import { verifySession } from '../auth/session';
import { companyChoices } from '../companies/store';
import { db } from '../db';
import { portalEnv } from '../env';
import { addDays, dayOf, formatDate, showDay } from '../format';
import { reachableReview } from '../reviews/access';
import { reviewerChoices } from '../reviews/reviewers';
import { reviewCounts, reviewItems, reviewsDueBy, reviewsFor, type Review } from '../reviews/store';
import { spintly } from '../spintly';
import { allSiteOptions } from './sites';

/** What a campaign item's access came from, in words. */
const SOURCE_WORDS: Record<string, string> = {
  direct: 'Given directly',
  group: 'Access group',
  visit: 'Visit',
  company: 'Company',
  spintly: 'From Spintly (no record of why)',
};
export const sourceWords = (source: string) =>
  source
    .split(',')
    .map((s) => SOURCE_WORDS[s] ?? s)
    .join(' + ');

const DAY_S = 86_400;

/** "Unused for 42 days", "Never used" (no entry at that door in the event store), "Used today". */
export function usage(lastEntryS: number | null, nowMs: number): { text: string; unusedDays: number | null } {
  if (lastEntryS === null) return { text: 'No entry on record', unusedDays: null };
  const days = Math.floor((nowMs / 1000 - lastEntryS) / DAY_S);
  return { text: days <= 0 ? 'Used today' : `Unused for ${days} ${days === 1 ? 'day' : 'days'}`, unusedDays: days };
}

const summary = (review: Review, counts: Awaited<ReturnType<typeof reviewCounts>>) => {
  const { display } = portalEnv();
  const today = dayOf(Date.now(), display.timeZone);
  return {
    id: review.id,
    name: review.name,
    scope: review.scopeLabel,
    scopeKind: review.scopeKind,
    status: review.status,
    due: showDay(review.dueOn),
    overdue: review.status === 'open' && review.dueOn < today,
    unreviewed: review.unreviewed,
    items: review.items,
    decided: counts.keep + counts.revoke,
    counts,
    createdByName: review.createdByName,
    createdAt: formatDate(review.createdAt, display),
    closedAt: review.closedAt && formatDate(review.closedAt, display),
    closedByName: review.closedByName,
  };
};

/** `/reviews`: the campaigns the operator starts or reviews, open ones first, by due day. */
export async function reviewsListPage() {
  const operator = await verifySession({ capability: 'reviews:read' });
  const database = await db();
  const reviews = await reviewsFor(database, operator);
  const rows = await Promise.all(reviews.map(async (r) => summary(r, await reviewCounts(database, r.id))));
  return { rows, canStart: can(operator, 'reviews:manage') };
}

export const reviewQuerySchema = z.object({
  show: z.enum(['undecided', 'keep', 'revoke', 'all']).catch('undecided'),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** Items per page (50 measured no faster than 100: the page's cost is the portal's baseline, not its rows). */
export const REVIEW_PAGE_SIZE = 100;

/** `/reviews/[id]`: the campaign, its counts and one page of its items as the reviewer works through them. */
export async function reviewPage(id: string, rawQuery: Record<string, unknown>) {
  const operator = await verifySession({ capability: 'reviews:read' });
  const database = await db();
  const review = z.string().uuid().safeParse(id).success ? await reachableReview(database, operator, id) : null;
  if (!review) notFound();
  const query = reviewQuerySchema.parse(rawQuery);
  const counts = await reviewCounts(database, review.id);
  const known = { undecided: counts.undecided, keep: counts.keep, revoke: counts.revoke, all: review.items };
  const page = await reviewItems(database, review.id, {
    filter: query.show,
    search: query.q,
    page: query.page,
    perPage: REVIEW_PAGE_SIZE,
    knownTotal: known[query.show],
  });
  const { display } = portalEnv();
  const now = Date.now();
  return {
    review: summary(review, counts),
    query,
    total: page.total,
    items: page.items.map((item) => {
      const used = usage(item.lastEntryS, now);
      return {
        id: item.id,
        person: item.personName,
        active: item.personActive,
        door: item.doorName,
        source: sourceWords(item.source),
        since: item.since ? formatDate(item.since, display) : '—',
        usage: used.text,
        unusedDays: used.unusedDays,
        decision: item.decision,
        decidedBy: item.decidedByName,
        comment: item.comment,
        outcome: item.outcome,
      };
    }),
  };
}

/** `/reviews/new`: what the operator may review (their sites, companies and doors) and who may review it. */
export async function newReviewOptions() {
  const operator = await verifySession({ capability: 'reviews:manage' });
  const database = await db();
  const [sites, doors, companies, reviewers] = await Promise.all([
    allSiteOptions(),
    spintly().allDoors(),
    companyChoices(database, { sites: operatorScope(operator).sites, status: 'active' }),
    reviewerChoices(database),
  ]);
  const mine = sitesInScope(operator, sites);
  const mineIds = new Set(mine.map((s) => s.id));
  return {
    sites: mine.map((s) => ({ id: s.id, name: s.name })),
    doors: doors.filter((d) => mineIds.has(d.siteId)).map((d) => ({ id: d.id, name: d.name, siteId: d.siteId })),
    companies: companies.map((c) => ({ id: c.id, name: c.name })),
    reviewers: reviewers.map((r) => ({ id: r.id, label: `${r.name} (${r.email})` })),
    defaultDue: showDay(addDays(dayOf(Date.now(), portalEnv().display.timeZone), 14)),
  };
}

/** Open campaigns this operator reviews that are due within 7 days (or overdue): the home page's list. */
export async function reviewsDueSoon(operator: { id: string; role: string }) {
  const database = await db();
  const limit = addDays(dayOf(Date.now(), portalEnv().display.timeZone), 7);
  const due = await reviewsDueBy(database, operator, limit);
  return Promise.all(due.map(async (r) => summary(r, await reviewCounts(database, r.id))));
}
