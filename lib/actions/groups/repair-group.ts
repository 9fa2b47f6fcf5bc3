'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../../db';
import { startGroupJob } from '../../groups/apply';
import { planRepair } from '../../groups/plan';
import { groupStatus } from '../../groups/status';
import { repairGroupSchema } from '../../validation/groups';
import { defineAction } from '../safe-action';
import { groupOrRefuse, peopleCount } from './shared';

/**
 * Repair: every member missing a door the group gives (changed behind the portal's back, new in a member company, a
 * failed apply) gets it again, and what a failed removal left behind is taken back (unless given another way) — the
 * state read afresh from Spintly here, not trusted from the page.
 */
export const repairGroupAction = defineAction({
  name: 'groups.repair',
  capability: 'groups:write',
  input: repairGroupSchema,
  targets: (input) => [{ type: 'group' as const, id: input.groupId }],
  async run(input, { operator, spintly }) {
    const database = await db();
    const group = await groupOrRefuse(database, input.groupId);
    const { memberships, rows, leftovers } = await groupStatus(database, spintly, group);
    const drifted = new Set(rows.filter((r) => r.drift).map((r) => r.personId));
    const items = await planRepair(database, group, memberships, drifted, leftovers);
    const jobId = await startGroupJob(database, operator, `Access group ${group.name}: repair`, items);
    revalidatePath(`/access-groups/${group.id}`);
    return {
      data: { jobId, people: items.length },
      message: jobId
        ? `Repairing ${peopleCount(items.length)}.`
        : 'Nothing to repair: every member has the group’s doors.',
      facts: { people: items.length, job: jobId },
    };
  },
});
