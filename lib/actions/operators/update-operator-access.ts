'use server';

import { revalidatePath } from 'next/cache';
import { operators } from '../../operators';
import { ROLE_LABELS } from '../../auth/permissions';
import { updateOperatorAccessSchema } from '../../validation/operators';
import { defineAction } from '../safe-action';
import { assertSitesExist } from './shared';

/** Changes an operator's role and sites; effective on their next request. */
export const updateOperatorAccessAction = defineAction({
  name: 'operators.update_access',
  capability: 'operators:manage',
  stepUp: true,
  input: updateOperatorAccessSchema,
  targets: (input) => [
    { type: 'operator' as const, id: input.operatorId },
    ...input.siteIds.map((id) => ({ type: 'site' as const, id })),
    ...(input.role === 'company_admin' ? input.companyIds.map((id) => ({ type: 'company' as const, id })) : []),
  ],
  async run(input, { operator, spintly }) {
    await assertSitesExist(spintly, input.siteIds);
    const store = await operators();
    const updated = await store.updateAccess(
      operator.id,
      input.operatorId,
      input.role,
      input.siteIds,
      input.companyIds,
    );
    revalidatePath('/operators');
    return { message: `${updated.email} is now ${ROLE_LABELS[updated.role].toLowerCase()}.` };
  },
});
