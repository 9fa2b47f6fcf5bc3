'use server';

import { revalidatePath } from 'next/cache';
import { updatePersonSchema } from '../../validation/people';
import { defineAction } from '../safe-action';
import { refuseNewVisitorRole } from '../../visitors/role';
import { toSpintlyUser } from './to-spintly';
import { chosenCompany, keepMembership, termsFor } from '../../companies/membership';

/** Saves a person's details. The new home site must be one of the operator's sites as well as the old one. */
export const updatePersonAction = defineAction({
  name: 'people.update',
  capability: 'people:write',
  input: updatePersonSchema,
  targets: (input) => [
    { type: 'person' as const, id: input.userId },
    { type: 'site' as const, id: input.homeSiteId },
    ...(input.companyId ? [{ type: 'company' as const, id: input.companyId }] : []),
  ],
  changesPeople: true,
  async run(input, { operator, spintly }) {
    // Blank keeps the person's company as it is; a company admin's people stay in one of their companies.
    const company = input.companyId === undefined ? null : await chosenCompany(operator, input.companyId);
    await refuseNewVisitorRole(spintly, input.roleIds, input.userId);
    await spintly.updateUsers([{ id: input.userId, ...toSpintlyUser(input), ...termsFor(company) }]);
    await keepMembership(input.userId, company);
    revalidatePath('/users');
    revalidatePath(`/users/${input.userId}`);
    return { spintlyStatus: 200, data: { userId: input.userId }, message: `${input.name} was saved.` };
  },
});
