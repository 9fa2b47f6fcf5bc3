import 'server-only';
import type { Kysely } from 'kysely';
import type { SessionOperator } from '../auth/session';
import { Refusal } from '../core/refusal';
import type { Database } from '../db/schema';
import { getReview, reviewerIdsOf, type Review } from './store';

/**
 * Who may open a campaign: a super admin, the operator who started it, and its reviewers — nobody else, whatever their
 * sites (the campaign was frozen for its reviewers; its items can be people of several companies). One rule for the
 * pages, the actions and the evidence export.
 */
export async function reachableReview(
  db: Kysely<Database>,
  operator: Pick<SessionOperator, 'id' | 'role'>,
  reviewId: string,
): Promise<Review | null> {
  const review = await getReview(db, reviewId);
  if (!review) return null;
  if (operator.role === 'super_admin' || review.createdBy === operator.id) return review;
  return (await reviewerIdsOf(db, reviewId)).includes(operator.id) ? review : null;
}

/** For actions: the campaign, or a refusal the audit log records as outside the operator's reach. */
export async function reviewOrRefuse(
  db: Kysely<Database>,
  operator: Pick<SessionOperator, 'id' | 'role'>,
  reviewId: string,
  options: { open?: boolean } = {},
): Promise<Review> {
  const review = await reachableReview(db, operator, reviewId);
  if (!review) throw new Refusal('That review is not one of yours, or it no longer exists.', { reason: 'scope' });
  if (options.open && review.status !== 'open') throw new Refusal('This review is closed: its decisions are final.');
  return review;
}

/** The site a campaign is about, for the audit log: the site it reviews, or the lowest of its items' sites. */
export async function reviewSiteOf(db: Kysely<Database>, review: Review): Promise<number | null> {
  if (review.scopeKind === 'site') return review.scopeId;
  const row = await db
    .selectFrom('review_items')
    .select((eb) => eb.fn.min('site_id').as('site'))
    .where('review_id', '=', review.id)
    .executeTakeFirst();
  return row?.site === null || row?.site === undefined ? null : Number(row.site);
}
