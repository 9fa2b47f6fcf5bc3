/** Doors: who may open a door, changed from the door's side. */
import { z } from 'zod';
import type { ScopeTarget } from '../auth/scope';
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

export type DoorPeopleChange = z.output<typeof doorPeopleChangeSchema>;

/**
 * What a change to a door touches, for the scope check and the audit record: the door, and each person with what
 * happens to them. The door page's action and the matrix's job items check and record a change the same way.
 */
export function doorChangeTargets(change: DoorPeopleChange): ScopeTarget[] {
  return [
    { type: 'door', id: change.doorId, siteId: change.siteId },
    ...change.add.map((id) => ({ type: 'person' as const, id, part: 'added' as const })),
    ...change.remove.map((id) => ({ type: 'person' as const, id, part: 'removed' as const })),
    ...change.cancelPending.map((id) => ({ type: 'person' as const, id, part: 'cancelled' as const })),
  ];
}

/** "2 added, 1 removed": what a door change did, for its toast and its job item. */
export function describeDoorChange(change: DoorPeopleChange): string {
  const parts = [
    change.add.length > 0 && `${change.add.length} added`,
    change.remove.length > 0 && `${change.remove.length} removed`,
    change.cancelPending.length > 0 &&
      `${change.cancelPending.length} pending change${change.cancelPending.length === 1 ? '' : 's'} cancelled`,
  ].filter(Boolean);
  return parts.join(', ');
}

/** The matrix's staged changes, one door each, applied as a job (lib/jobs/door-change.ts). */
export const MAX_DOORS_PER_APPLY = 500;
export const doorChangesSchema = z.object({
  siteId: z.coerce.number().int().positive(),
  doors: z
    .array(
      z
        .object({
          doorId: z.coerce.number().int().positive(),
          add: idList.default([]),
          remove: idList.default([]),
          cancelPending: idList.default([]),
        })
        .refine((v) => v.add.length + v.remove.length + v.cancelPending.length > 0, 'Nothing staged for this door'),
    )
    .min(1, 'Stage a change first')
    .max(MAX_DOORS_PER_APPLY, `At most ${MAX_DOORS_PER_APPLY} doors at once`)
    .refine((doors) => new Set(doors.map((d) => d.doorId)).size === doors.length, 'Each door once'),
});
