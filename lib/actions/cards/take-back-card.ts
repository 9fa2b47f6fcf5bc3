'use server';

import { revalidatePath } from 'next/cache';
import { takeBackCardSchema } from '../../validation/cards';
import { defineAction } from '../safe-action';

export const takeBackCardAction = defineAction({
  name: 'cards.take_back',
  capability: 'cards:write',
  input: takeBackCardSchema,
  targets: (input) => [{ type: 'person' as const, id: input.userId }],
  changesPeople: true,
  async run(input, { spintly }) {
    const person = await spintly.getUser(input.userId);
    await spintly.unassignCard(input.userId);
    revalidatePath('/front-desk');
    return {
      spintlyStatus: 200,
      facts: { card: person?.credentialId ?? null },
      message: 'Card taken back. It no longer opens any door.',
    };
  },
});
