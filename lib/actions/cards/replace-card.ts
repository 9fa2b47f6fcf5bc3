'use server';

import { revalidatePath } from 'next/cache';
import { issueCardSchema } from '../../validation/cards';
import { NO_CARD_NOW } from '../result-codes';
import { defineAction } from '../safe-action';
import { cardTaken } from './card-holder';
import { Refusal } from '../../core/refusal';

/**
 * A lost card as one flow: take back the old card, issue the new one. A new card already held by someone else is
 * refused before the old one is touched. If issuing fails after the old card is gone, the operator is told plainly
 * that the person has no card now, and can retry issuing.
 */
export const replaceCardAction = defineAction({
  name: 'cards.replace',
  capability: 'cards:write',
  input: issueCardSchema,
  targets: (input) => [{ type: 'person' as const, id: input.userId }],
  changesPeople: true,
  async run(input, ctx) {
    const { spintly } = ctx;
    const [person, holder] = await Promise.all([spintly.getUser(input.userId), spintly.cardHolder(input.credentialId)]);
    if (holder && holder.id !== input.userId) throw await cardTaken(input.credentialId, holder.id, ctx);
    const old = person?.credentialId ?? null;
    if (old) await spintly.unassignCard(input.userId);
    try {
      await spintly.assignCard(input.userId, input.credentialId);
    } catch {
      revalidatePath('/front-desk');
      throw new Refusal(
        `The old card${old ? ` ${old}` : ''} was taken back, but the new card could not be issued: ${person?.name ?? 'this person'} has no card right now. Retry issuing the new card.`,
        { field: 'credentialId', code: NO_CARD_NOW, reason: null },
      );
    }
    revalidatePath('/front-desk');
    return {
      spintlyStatus: 200,
      facts: { card: old ?? null, newCard: input.credentialId },
      message: `Card replaced: ${input.credentialId} is now active${old ? `, ${old} no longer opens any door` : ''}.`,
    };
  },
});
