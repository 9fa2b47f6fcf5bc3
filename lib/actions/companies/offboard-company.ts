'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { startCompanyOffboarding } from '../../companies/offboard';
import { getCompany } from '../../companies/store';
import { Refusal } from '../../core/refusal';
import { db } from '../../db';
import { defineAction } from '../safe-action';

/** Ends a company now: every member offboarded by one job, the company marked ended. Super and site admins. */
export const offboardCompanyAction = defineAction({
  name: 'companies.offboard',
  // Offboarding many people at once: the same capability as every other bulk job.
  capability: 'people:manage',
  input: z.object({ companyId: z.coerce.number().int().positive() }),
  targets: (input) => [{ type: 'company' as const, id: input.companyId }],
  stepUp: true,
  async run({ companyId }, { operator }) {
    const database = await db();
    const company = await getCompany(database, companyId);
    if (!company) throw new Refusal('That company no longer exists.', { reason: 'not_found' });
    if (company.status === 'ended') throw new Refusal(`${company.name} has already ended.`);
    const { jobId, people } = await startCompanyOffboarding(database, company, operator);
    revalidatePath('/companies', 'layout');
    return {
      data: { jobId },
      facts: { job: jobId, people },
      message: `Offboarding ${company.name}: ${people} ${people === 1 ? 'person' : 'people'}…`,
    };
  },
});
