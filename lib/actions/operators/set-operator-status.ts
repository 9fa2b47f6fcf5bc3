'use server';

import { revalidatePath } from 'next/cache';
import { operators } from '../../operators';
import { setOperatorStatusSchema } from '../../validation/operators';
import { defineAction } from '../safe-action';

/** Disables (every session ends on its next request) or re-enables an operator. */
export const setOperatorStatusAction = defineAction({
  name: 'operators.set_status',
  capability: 'operators:manage',
  input: setOperatorStatusSchema,
  targets: (input) => [{ type: 'operator' as const, id: input.operatorId }],
  async run(input, { operator }) {
    const store = await operators();
    const updated = await store.setStatus(operator.id, input.operatorId, input.status);
    revalidatePath('/operators');
    return { message: `${updated.email} is ${updated.status === 'active' ? 'enabled' : 'disabled'}.` };
  },
});
