'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../../db';
import { setSiteVisitorDoors } from '../../visitors/store';
import { siteVisitorDoorsSchema } from '../../validation/visitors';
import { defineAction } from '../safe-action';

/** A site's visitor doors: what the registration form ticks by default. Site and super admins, at their sites. */
export const setSiteVisitorDoorsAction = defineAction({
  name: 'sites.visitor_doors',
  capability: 'sites:configure',
  input: siteVisitorDoorsSchema,
  targets: (input) => [
    { type: 'site' as const, id: input.siteId },
    ...input.doorIds.map((id) => ({ type: 'door' as const, id, siteId: input.siteId })),
  ],
  async run(input) {
    await setSiteVisitorDoors(await db(), input.siteId, input.doorIds);
    revalidatePath(`/sites/${input.siteId}`);
    const n = input.doorIds.length;
    return { message: `${n} visitor ${n === 1 ? 'door' : 'doors'} saved.`, facts: { doors: n } };
  },
});
