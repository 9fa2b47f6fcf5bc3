'use server';

import { revalidatePath } from 'next/cache';
import { createPersonSchema } from '../../validation/people';
import { defineAction } from '../safe-action';
import { refuseNewVisitorRole } from '../../visitors/role';
import { toSpintlyUser } from './to-spintly';
import { chosenCompany, keepMembership, termsFor } from '../../companies/membership';
import { db } from '../../db';
import { recordDirectGrants } from '../../grants/store';

/** Adds a person in Spintly with their first doors. After a timeout it finds them rather than adding them twice. */
export const createPersonAction = defineAction({
  name: 'people.create',
  capability: 'people:write',
  input: createPersonSchema,
  targets: (input) => [
    { type: 'site' as const, id: input.homeSiteId },
    ...input.doorIds.map((id) => ({ type: 'door' as const, id })),
    ...(input.companyId ? [{ type: 'company' as const, id: input.companyId }] : []),
  ],
  creates: (input, data: { userId: number } | undefined) => ({
    type: 'person',
    id: data?.userId ?? 'new',
    name: input.name,
    part: 'created',
  }),
  changesPeople: (_input, data: { userId: number } | undefined) => (data ? [data.userId] : []),
  async run(input, { operator, spintly }) {
    const company = await chosenCompany(operator, input.companyId);
    await refuseNewVisitorRole(spintly, input.roleIds);
    const user = toSpintlyUser(input);
    const { userId, reconciled } = await spintly.createUser({
      ...user,
      ...termsFor(company),
      accessData: { ...user.accessData, accessPoints: input.doorIds },
    });
    await keepMembership(userId, company);
    await recordDirectGrants(
      await db(),
      operator,
      input.doorIds.map((doorId) => ({ personId: userId, doorId })),
    );
    revalidatePath('/users');
    return {
      spintlyStatus: 200,
      facts: { person: userId, ...(reconciled && { confirmedAfterAmbiguity: true }) },
      data: { userId },
      message: `${input.name} was added.${input.doorIds.length > 0 ? ' Their doors are pending until each reader syncs.' : ''}`,
    };
  },
});
