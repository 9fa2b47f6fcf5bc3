import { z } from 'zod';
import { idList } from './ids';

export const personDoorsChangeSchema = z
  .object({
    userId: z.coerce.number().int().positive(),
    grant: idList.default([]),
    revoke: idList.default([]),
    cancelPending: idList.default([]),
  })
  .refine((v) => v.grant.length + v.revoke.length + v.cancelPending.length > 0, { message: 'Choose a door to change' });
