import 'server-only';
import { checkScope } from '../auth/scope';
import { spintly } from '../spintly';
import { describeDoorChange, doorChangeTargets, type DoorPeopleChange } from '../validation/doors';
import type { JobOperator } from './operator';
import { type ItemResult, type JobKind } from './runner';
import { Refusal } from '../core/refusal';

/** The job kind of a matrix apply. */
export const DOOR_CHANGE_JOB = 'permissions.doors';

/** An item of a matrix apply: one door's staged change (its site is always known). */
export type DoorChangeInput = DoorPeopleChange & { siteId: number };

/**
 * One door of the matrix's apply: the same single call per door as the door page's action, checked against the
 * starter's sites as they are when it runs. The PATCH converges (adding a holder twice, removing a removed one), so a
 * resumed item is simply sent again.
 */
export const doorChangeKind: JobKind<JobOperator> = {
  async process(input, { operator }): Promise<ItemResult> {
    const change = input as DoorChangeInput;
    const client = spintly();
    const scope = await checkScope(operator, doorChangeTargets(change), client);
    if (!scope.ok)
      throw new Refusal('This door or one of these people is outside your sites now.', { reason: 'scope' });
    await client.changeDoorUsers(change.doorId, {
      permissionsToAdd: change.add,
      permissionsToRemove: change.remove,
      pendingPermissionsToRemove: change.cancelPending,
    });
    return { status: 'done', outcome: 'sent', message: `${describeDoorChange(change)}.`, siteId: change.siteId };
  },
};
