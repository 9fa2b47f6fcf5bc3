'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../../db';
import { formatTime } from '../../format';
import { portalEnv } from '../../env';
import { changeVisitDoors, extendVisit } from '../../visitors/service';
import { changeVisitDoorsSchema, extendVisitSchema } from '../../validation/visitors';
import { defineAction } from '../safe-action';
import { assertOpen, visitAt } from './visit-action';

/** Makes an open visit longer, within VISITOR_MAX_HOURS from its start. */
export const extendVisitAction = defineAction({
  name: 'visitors.extend',
  capability: 'visitors:write',
  input: extendVisitSchema,
  targets: (input) => [
    { type: 'site' as const, id: input.siteId },
    { type: 'visit' as const, id: input.visitId },
  ],
  async run(input, { spintly }) {
    const visit = await visitAt(input.visitId, input.siteId);
    assertOpen(visit);
    const extended = await extendVisit(await db(), spintly, visit, input.hours);
    revalidatePath('/visitors');
    const until = formatTime(extended.endsAt, portalEnv().display);
    return {
      facts: { visitor: visit.visitorName, visit: visit.id, until: extended.endsAt },
      message: `${visit.visitorName} may stay until ${until}.`,
    };
  },
});

/** Other doors for the rest of an open visit; every door must be at the visit's site. */
export const changeVisitDoorsAction = defineAction({
  name: 'visitors.change_doors',
  capability: 'visitors:write',
  input: changeVisitDoorsSchema,
  targets: (input) => [
    { type: 'site' as const, id: input.siteId },
    { type: 'visit' as const, id: input.visitId },
    ...input.doorIds.map((id) => ({ type: 'door' as const, id, siteId: input.siteId })),
  ],
  async run(input, { operator, spintly }) {
    const visit = await visitAt(input.visitId, input.siteId);
    assertOpen(visit);
    await changeVisitDoors(await db(), spintly, visit, input.doorIds, operator);
    revalidatePath('/visitors');
    return { facts: { visitor: visit.visitorName, visit: visit.id }, message: 'Doors changed for this visit.' };
  },
});
