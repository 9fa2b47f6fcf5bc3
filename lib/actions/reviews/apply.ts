'use server';

import type { Kysely } from 'kysely';
import { db } from '../../db';
import type { Database } from '../../db/schema';
import { startJob } from '../../jobs/start';
import { reviewOrRefuse } from '../../reviews/access';
import { REVIEW_REVOKE_JOB } from '../../reviews/revoke';
import { closeReview, revocationsToApply, type Review } from '../../reviews/store';
import { Refusal } from '../../core/refusal';
import { reviewIdSchema } from '../../validation/reviews';
import { defineAction } from '../safe-action';
import type { SessionOperator } from '../../auth/session';

/** Starts the job that takes away the doors a campaign revoked and has not applied yet; null when there are none. */
async function applyRevocations(database: Kysely<Database>, review: Review, operator: SessionOperator) {
  const items = await revocationsToApply(database, review.id);
  if (items.length === 0) return { jobId: null, items: 0 };
  const jobId = await startJob(database, {
    kind: REVIEW_REVOKE_JOB,
    title: `Revocations of the access review “${review.name}”`,
    createdBy: operator.id,
    requestedBy: operator.email,
    items: items.map((item) => ({
      input: { reviewId: review.id, itemId: item.id, personId: item.personId, doorId: item.doorId },
    })),
  });
  return { jobId, items: items.length };
}

/** A reviewer confirms: the revocations decided so far are applied now, as a job (progress on the page and /jobs). */
export const applyReviewAction = defineAction({
  name: 'reviews.apply',
  capability: 'reviews:read',
  input: reviewIdSchema,
  targets: (input) => [{ type: 'review' as const, id: input.reviewId }],
  async run(input, { operator }) {
    const database = await db();
    const review = await reviewOrRefuse(database, operator, input.reviewId, { open: true });
    const { jobId, items } = await applyRevocations(database, review, operator);
    if (!jobId) throw new Refusal('No revocations wait to be applied.');
    return { data: { jobId }, facts: { review: review.name, job: jobId, items } };
  },
});

/**
 * Closes a campaign: the items nobody decided take its default (keep, or revoke), and every revocation not yet applied
 * is applied by a job. The decisions are final afterwards; the evidence CSV stays available.
 */
export const closeReviewAction = defineAction({
  name: 'reviews.close',
  capability: 'reviews:read',
  input: reviewIdSchema,
  targets: (input) => [{ type: 'review' as const, id: input.reviewId }],
  async run(input, { operator }) {
    const database = await db();
    const review = await reviewOrRefuse(database, operator, input.reviewId, { open: true });
    const defaulted = await closeReview(database, review, operator);
    const { jobId } = await applyRevocations(database, review, operator);
    return {
      data: { jobId },
      message: `Review closed.${defaulted ? ` ${defaulted} unreviewed ${defaulted === 1 ? 'item' : 'items'} ${review.unreviewed === 'revoke' ? 'revoked' : 'kept'} by default.` : ''}`,
      facts: { review: review.name, defaulted, unreviewed: review.unreviewed, job: jobId },
    };
  },
});
