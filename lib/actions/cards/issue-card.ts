'use server';

import { revalidatePath } from 'next/cache';
import { issueCardSchema } from '../../validation/cards';
import { defineAction } from '../safe-action';
import { rethrowCardConflict } from './card-holder';

/** Puts a card on a person. After a timeout the client checks where the card ended up instead of guessing. */
export const issueCardAction = defineAction({
  name: 'cards.issue',
  capability: 'cards:write',
  input: issueCardSchema,
  targets: (input) => [{ type: 'person' as const, id: input.userId }],
  changesPeople: true,
  async run(input, ctx) {
    await ctx.spintly
      .assignCard(input.userId, input.credentialId)
      .catch((error: unknown) => rethrowCardConflict(error, input.credentialId, ctx));
    revalidatePath('/front-desk');
    return {
      spintlyStatus: 200,
      facts: { card: input.credentialId },
      message: `Card ${input.credentialId} issued.`,
    };
  },
});
