'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getCompany, reactivateCompany } from '../../companies/store';
import { Refusal } from '../../core/refusal';
import { db } from '../../db';
import { portalEnv } from '../../env';
import { dayOf, showDay } from '../../format';
import { defineAction } from '../safe-action';

/**
 * An ended company active again, for a contract renewed after its end: the company only. Its members stay as the end
 * left them — deactivated, no doors, no cards — and are given access again one by one (or by import), so nothing is
 * re-granted behind anyone's back. Its last day must be today or later (or none), or the expiry task would end it
 * again at once.
 */
export const reactivateCompanyAction = defineAction({
  name: 'companies.reactivate',
  capability: 'companies:write',
  input: z.object({ companyId: z.coerce.number().int().positive() }),
  targets: (input) => [{ type: 'company' as const, id: input.companyId }],
  async run({ companyId }) {
    const database = await db();
    const company = await getCompany(database, companyId);
    if (!company) throw new Refusal('That company no longer exists.', { reason: 'not_found' });
    if (company.status !== 'ended') throw new Refusal(`${company.name} is already active.`);
    const today = dayOf(Date.now(), portalEnv().display.timeZone);
    if (company.validUntil !== null && company.validUntil < today)
      throw new Refusal(
        `${company.name}’s access ended on ${showDay(company.validUntil)}. Edit it to a later last day (or none) first, then reactivate it.`,
      );
    await reactivateCompany(database, companyId);
    revalidatePath('/companies', 'layout');
    return {
      facts: { validUntil: company.validUntil },
      message: `${company.name} is active again. Its people are still deactivated: give them access again on their pages or by import.`,
    };
  },
});
