'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../../db';
import { portalEnv } from '../../env';
import { startGroupJob } from '../../groups/apply';
import { planNewMembers } from '../../groups/plan';
import { addMemberships } from '../../groups/store';
import { membershipWindow } from '../../groups/window';
import { addMembersSchema } from '../../validation/groups';
import { defineAction } from '../safe-action';
import { groupOrRefuse, peopleCount } from './shared';

/**
 * People and companies join a group (from a day, until a day): each person reached gets the group's doors as a job.
 * A company admin may add their own people to a group inside their envelope (the scope check says so).
 */
export const addGroupMembersAction = defineAction({
  name: 'groups.add_members',
  capability: 'groups:members',
  input: addMembersSchema,
  targets: (input) => [
    { type: 'group' as const, id: input.groupId },
    ...input.personIds.map((id) => ({ type: 'person' as const, id, part: 'added' as const })),
    ...input.companyIds.map((id) => ({ type: 'company' as const, id, part: 'added' as const })),
  ],
  async run(input, { operator }) {
    const database = await db();
    const group = await groupOrRefuse(database, input.groupId);
    const window = membershipWindow(input, Date.now(), portalEnv().display.timeZone);
    const { added, existing } = await addMemberships(database, operator, group.id, { ...input, ...window });
    const items = await planNewMembers(database, group, added);
    const jobId = await startGroupJob(database, operator, `Access group ${group.name}: new members`, items);
    revalidatePath(`/access-groups/${group.id}`);
    const already = existing.length > 0 ? ` ${existing.length} already in the group stayed as they were.` : '';
    return {
      data: { jobId, people: items.length },
      message: jobId
        ? `Added. Giving ${peopleCount(items.length)} the group’s doors${window.startsAt ? ' from their first day' : ''}.${already}`
        : `Nothing to give.${already}`,
      facts: {
        people: input.personIds.length,
        companies: input.companyIds.length,
        reach: items.length,
        from: input.from ?? null,
        until: input.until ?? null,
        job: jobId,
      },
    };
  },
});
