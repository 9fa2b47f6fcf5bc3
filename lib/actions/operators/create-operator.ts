'use server';

import { revalidatePath } from 'next/cache';
import { operators } from '../../operators';
import { createOperatorSchema } from '../../validation/operators';
import { defineAction } from '../safe-action';
import { assertSitesExist } from './shared';

/** Creates an operator with a one-time password, shown once to the super admin who created them. */
export const createOperatorAction = defineAction({
  name: 'operators.create',
  capability: 'operators:manage',
  input: createOperatorSchema,
  targets: (input) => [
    ...input.siteIds.map((id) => ({ type: 'site' as const, id })),
    ...(input.role === 'company_admin' ? input.companyIds.map((id) => ({ type: 'company' as const, id })) : []),
  ],
  creates: (input, data: { operatorId: string; email: string; oneTimePassword: string } | undefined) => ({
    type: 'operator',
    id: data?.operatorId ?? 'new',
    name: input.name,
    part: 'created',
  }),
  async run(input, { spintly }) {
    await assertSitesExist(spintly, input.siteIds);
    const store = await operators();
    const { operator, oneTimePassword } = await store.create(input);
    revalidatePath('/operators');
    return {
      facts: { name: operator.name },
      // The name as typed, as a note: the CSV shows it in a cell of its own (neutralised if it looks like a formula).
      auditDetail: operator.name,
      data: { operatorId: operator.id, email: operator.email, oneTimePassword: oneTimePassword ?? '' },
      message: `${operator.email} can now sign in with the one-time password below.`,
    };
  },
});
