'use server';

import { revalidatePath } from 'next/cache';
import { companyWrite } from '../../companies/write';
import { getCompany, updateCompany } from '../../companies/store';
import { db } from '../../db';
import { updateCompanySchema } from '../../validation/companies';
import { defineAction } from '../safe-action';

/** A company's details, sites, envelope and dates. The company, its sites and doors must all be the operator's. */
export const updateCompanyAction = defineAction<typeof updateCompanySchema, { companyId: number }, 'companies.update'>({
  name: 'companies.update',
  capability: 'companies:write',
  input: updateCompanySchema,
  targets: (input) => [
    { type: 'company' as const, id: input.companyId },
    ...input.siteIds.map((id) => ({ type: 'site' as const, id })),
    ...input.doorIds.map((id) => ({ type: 'door' as const, id })),
  ],
  // A change to the company's door envelope (what its admins may give) asks for a fresh code; other edits do not.
  stepUp: async (input) => {
    const before = new Set((await getCompany(await db(), input.companyId))?.doorIds ?? []);
    const after = new Set(input.doorIds);
    return before.size !== after.size || [...after].some((id) => !before.has(id));
  },
  async run({ companyId, ...input }, { spintly }) {
    const database = await db();
    await updateCompany(database, companyId, await companyWrite(database, spintly, input, companyId));
    revalidatePath('/companies', 'layout');
    return {
      data: { companyId },
      message: `${input.name} saved.`,
      facts: { doors: input.doorIds.length, validUntil: input.validUntil ?? null },
    };
  },
});
