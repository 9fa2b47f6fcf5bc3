'use server';

import { db } from '../../db';
import { reviewOrRefuse } from '../../reviews/access';
import { decide } from '../../reviews/store';
import { decideSchema } from '../../validation/reviews';
import { defineAction } from '../safe-action';

/**
 * A reviewer's keep or revoke for some items (one, or every item shown): recorded at once, applied later (revocations
 * by "Apply", or at the close). Only items of this open campaign not yet applied change.
 */
export const decideReviewItemsAction = defineAction({
  name: 'reviews.decide',
  capability: 'reviews:read',
  input: decideSchema,
  targets: (input) => [{ type: 'review' as const, id: input.reviewId }],
  async run(input, { operator }) {
    const database = await db();
    const review = await reviewOrRefuse(database, operator, input.reviewId, { open: true });
    const changed = await decide(
      database,
      review.id,
      input.itemIds,
      input.decision,
      { id: operator.id, name: operator.name },
      input.comment ?? null,
    );
    const word = input.decision === 'keep' ? 'kept' : 'to be revoked';
    return {
      data: { changed },
      message: `${changed} ${changed === 1 ? 'item' : 'items'} ${word}.`,
      facts: { review: review.name, decision: input.decision, items: changed },
    };
  },
});
