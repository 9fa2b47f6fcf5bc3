'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../../db';
import { endVisit } from '../../visitors/service';
import { endVisitSchema } from '../../validation/visitors';
import { defineAction } from '../safe-action';
import { assertOpen, visitAt } from './visit-action';

/** "End now": the meeting deleted, a lent card and its doors taken back, the visitor deactivated. */
export const endVisitAction = defineAction({
  name: 'visitors.end',
  capability: 'visitors:write',
  input: endVisitSchema,
  targets: (input) => [
    { type: 'site' as const, id: input.siteId },
    { type: 'visit' as const, id: input.visitId },
  ],
  async run(input, { spintly }) {
    const visit = await visitAt(input.visitId, input.siteId);
    assertOpen(visit);
    await endVisit(await db(), spintly, visit, 'ended');
    revalidatePath('/visitors');
    return {
      facts: { visitor: visit.visitorName, visit: visit.id, card: visit.card ?? null },
      message: `${visit.visitorName}’s visit has ended${visit.card ? `; card ${visit.card} is back at the desk` : ''}.`,
    };
  },
});
