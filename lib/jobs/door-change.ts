import 'server-only';
import { z } from 'zod';
import { checkScope } from '../auth/scope';
import { spintly } from '../spintly';
import { nameTargets } from '../audit/names';
import { describeDoorChange, doorChangeTargets, doorPeopleChangeSchema } from '../validation/doors';
import { defineJobKind } from './kind';
import type { ItemResult } from './runner';
import { Refusal } from '../core/refusal';
import { recordDoorChange } from '../grants/store';

/** The job kind of a matrix apply. */
export const DOOR_CHANGE_JOB = 'permissions.doors';

/** An item of a matrix apply: one door's staged change (its site is always known). */
export const doorChangeInput = doorPeopleChangeSchema.and(z.object({ siteId: z.number().int().positive() }));
export type DoorChangeInput = z.output<typeof doorChangeInput>;

/**
 * One door of the matrix's apply: the same single call per door as the door page's action, checked against the
 * starter's sites as they are when it runs. The PATCH converges (adding a holder twice, removing a removed one), so a
 * resumed item is simply sent again.
 */
export const doorChangeKind = defineJobKind({
  name: DOOR_CHANGE_JOB,
  input: doorChangeInput,
  // Recorded as the door page's own action records a change, so the log reads the same whichever screen made it.
  audit: 'permissions.change_door',
  /** The door (named from the site's cached door list) and each person with what happened to them. */
  async about(change, _result, { db }) {
    const doors = await spintly()
      .allAccessPoints(change.siteId)
      .catch(() => []);
    const door = doors.find((d) => d.id === change.doorId);
    const known = new Map(door ? [[`door:${door.id}`, door.name]] : []);
    return { targets: await nameTargets(db, doorChangeTargets(change), known), siteId: change.siteId };
  },
  async process(change, { db, operator }): Promise<ItemResult> {
    const client = spintly();
    const scope = await checkScope(operator, doorChangeTargets(change), client);
    if (!scope.ok)
      throw new Refusal('This door or one of these people is outside your sites now.', { reason: 'scope' });
    await client.changeDoorUsers(change.doorId, {
      permissionsToAdd: change.add,
      permissionsToRemove: change.remove,
      pendingPermissionsToRemove: change.cancelPending,
    });
    await recordDoorChange(db, operator, change);
    return { status: 'done', outcome: 'sent', message: `${describeDoorChange(change)}.`, siteId: change.siteId };
  },
});
