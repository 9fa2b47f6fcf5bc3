'use server';

import { revalidatePath } from 'next/cache';
import { companyWrite } from '../../companies/write';
import { createCompany } from '../../companies/store';
import { db } from '../../db';
import { createCompanySchema } from '../../validation/companies';
import { defineAction } from '../safe-action';

/** A new client company: its sites (the operator's), door envelope, dates, contact and optional Spintly value. */
export const createCompanyAction = defineAction({
  name: 'companies.create',
  capability: 'companies:write',
  input: createCompanySchema,
  targets: (input) => [
    ...input.siteIds.map((id) => ({ type: 'site' as const, id })),
    ...input.doorIds.map((id) => ({ type: 'door' as const, id })),
  ],
  creates: (input, data: { companyId: number } | undefined) => ({
    type: 'company',
    id: data?.companyId ?? 0,
    name: input.name,
    part: 'created',
  }),
  async run(input, { spintly }) {
    const database = await db();
    const companyId = await createCompany(database, await companyWrite(database, spintly, input));
    revalidatePath('/companies');
    return {
      data: { companyId },
      message: `${input.name} added.`,
      facts: { doors: input.doorIds.length, validUntil: input.validUntil ?? null },
    };
  },
});
