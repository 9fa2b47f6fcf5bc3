/**
 * Who holds a door, and which doors a person holds, from Spintly's answers — the pending rules in one place.
 *
 * Spintly answers a door with `usersWithPermissions` (the reader has them) and `usersWithPendingPermissions` (a change
 * the cloud accepted and the reader has not synced: `pendingAction` grant or revoke, grant when unsaid); a person the
 * same way round (`permissionAssigned`, `pendingPermissions`, `permissionNotAssigned`). Someone with a pending revoke
 * is listed as pending only. "Holds or will hold" = assigned + pending grants: what a screen must not offer again and
 * what taking access away must cancel. Every feature reads holders through here, so the door page, the site page, the
 * matrix, the import, offboarding and visits agree on who has a door.
 */

export type PendingAction = 'grant' | 'revoke';

interface MaybePending {
  id: number;
  pendingAction?: PendingAction | undefined;
  pendingSince?: string | undefined;
}

export interface Pending {
  action: PendingAction;
  /** When the cloud accepted the change; null when Spintly did not say. */
  since: string | null;
}

/** A pending item's change: a grant unless Spintly says revoke. */
export function pendingOf(item: MaybePending): Pending {
  return { action: item.pendingAction ?? 'grant', since: item.pendingSince ?? null };
}

/** A pending item on its way in. */
export const isPendingGrant = (item: MaybePending) => pendingOf(item).action === 'grant';

/** Whether a door of a person's list, by its state, is held or on its way in (assigned, or a pending grant). */
export function heldOrComing(door: {
  state: 'assigned' | 'pending' | 'not_assigned';
  pendingAction?: PendingAction | null;
}) {
  return (
    door.state === 'assigned' ||
    (door.state === 'pending' && isPendingGrant({ id: 0, pendingAction: door.pendingAction ?? undefined }))
  );
}

export interface DoorAnswer<P extends MaybePending> {
  usersWithPermissions: readonly P[];
  usersWithPendingPermissions: readonly P[];
}

/** Assigned now, plus pending grants: the ids that hold something or will once the reader syncs. */
function holdsOrWillHold(now: readonly MaybePending[], pending: readonly MaybePending[]): Set<number> {
  return new Set([...now.map((item) => item.id), ...pending.filter(isPendingGrant).map((item) => item.id)]);
}

/** A door's people: holders now, pending changes, and the ids that hold it or will once the reader syncs. */
export function doorHolders<P extends MaybePending>(answer: DoorAnswer<P>) {
  const holders = answer.usersWithPermissions;
  const pending = answer.usersWithPendingPermissions;
  return {
    holders,
    pending,
    /** How many can open the door now: what the site page and the door page count. */
    holderCount: holders.length,
    willHold: holdsOrWillHold(holders, pending),
  };
}

export interface PersonAnswer<D extends MaybePending> {
  permissionAssigned: readonly D[];
  pendingPermissions: readonly D[];
  permissionNotAssigned: readonly D[];
}

export type DoorState = 'assigned' | 'pending' | 'not_assigned';

/** A person's doors: each door with its state, and the ids they hold or will hold. */
export function personDoors<D extends MaybePending>(answer: PersonAnswer<D>) {
  const doors: (D & { state: DoorState })[] = [
    ...answer.permissionAssigned.map((d) => ({ ...d, state: 'assigned' as const })),
    ...answer.pendingPermissions.map((d) => ({ ...d, state: 'pending' as const })),
    ...answer.permissionNotAssigned.map((d) => ({ ...d, state: 'not_assigned' as const })),
  ];
  return {
    doors,
    willHold: holdsOrWillHold(answer.permissionAssigned, answer.pendingPermissions),
  };
}

/**
 * The change that takes a person's doors away (only `among`, when given): assigned doors removed, pending grants
 * cancelled; null when there is nothing to take.
 */
export function takeAway<D extends MaybePending>(
  answer: Pick<PersonAnswer<D>, 'permissionAssigned' | 'pendingPermissions'>,
  among?: readonly number[],
): { permissionsToRemove?: number[]; pendingPermissionsToRemove?: number[]; count: number } | null {
  const wanted = (d: D) => among === undefined || among.includes(d.id);
  const assigned = answer.permissionAssigned.filter(wanted).map((d) => d.id);
  const pendingGrants = answer.pendingPermissions.filter((d) => isPendingGrant(d) && wanted(d)).map((d) => d.id);
  if (assigned.length === 0 && pendingGrants.length === 0) return null;
  return {
    ...(assigned.length > 0 && { permissionsToRemove: assigned }),
    ...(pendingGrants.length > 0 && { pendingPermissionsToRemove: pendingGrants }),
    count: assigned.length + pendingGrants.length,
  };
}
