/** Doors: who may open a door, changed from the door's side. */
import { z } from 'zod';
import { idList } from './ids';

export const doorPeopleChangeSchema = z
  .object({
    doorId: z.coerce.number().int().positive(),
    /** The door's site, when the page knows it: lets the scope check read one site's doors instead of all. */
    siteId: z.coerce.number().int().positive().optional(),
    add: idList.default([]),
    remove: idList.default([]),
    cancelPending: idList.default([]),
  })
  .refine((v) => v.add.length + v.remove.length + v.cancelPending.length > 0, {
    message: 'Choose someone to add or remove',
  });
