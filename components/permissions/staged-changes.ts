/**
 * The matrix's staged changes, as a pure reducer: which cells the operator has marked, and what each would do. A
 * cell's change follows from what it is now — no access → grant, can open → revoke, pending → cancel the pending
 * change — so a staged change can never contradict the cell it is on.
 */
export type Staged = 'grant' | 'revoke' | 'cancel';
export type Base = 'assigned' | 'pending' | 'none';
export type StagedChanges = Readonly<Record<string, Staged>>;

export const cellKey = (doorId: number, userId: number) => `${doorId}:${userId}`;

export const changeFor = (base: Base): Staged =>
  base === 'assigned' ? 'revoke' : base === 'pending' ? 'cancel' : 'grant';

export type StagedAction =
  /** Mark a cell, or unmark it if marked. */
  | { type: 'toggle'; doorId: number; userId: number; base: Base }
  /** "Give to all" / "All doors": grant every pair that has no access now; others stay as they are. */
  | { type: 'grantMany'; pairs: readonly { doorId: number; userId: number; base: Base }[] }
  /** A door's changes were applied: they are no longer staged. */
  | { type: 'applied'; doorId: number; userIds: readonly number[] }
  | { type: 'discard' };

export function stagedReducer(state: StagedChanges, action: StagedAction): StagedChanges {
  switch (action.type) {
    case 'toggle': {
      const k = cellKey(action.doorId, action.userId);
      const { [k]: existing, ...rest } = state;
      return existing ? rest : { ...state, [k]: changeFor(action.base) };
    }
    case 'grantMany': {
      const next = { ...state };
      for (const { doorId, userId, base } of action.pairs) if (base === 'none') next[cellKey(doorId, userId)] = 'grant';
      return next;
    }
    case 'applied': {
      const next = { ...state };
      for (const userId of action.userIds) delete next[cellKey(action.doorId, userId)];
      return next;
    }
    case 'discard':
      return {};
  }
}

export interface DoorChange {
  add: number[];
  remove: number[];
  cancelPending: number[];
}

/** The staged cells as one change per door (what Apply sends), and the totals for the summary line. */
export function groupByDoor(state: StagedChanges) {
  const byDoor = new Map<number, DoorChange>();
  for (const [k, change] of Object.entries(state)) {
    const [doorId, userId] = k.split(':').map(Number) as [number, number];
    const entry = byDoor.get(doorId) ?? { add: [], remove: [], cancelPending: [] };
    (change === 'grant' ? entry.add : change === 'revoke' ? entry.remove : entry.cancelPending).push(userId);
    byDoor.set(doorId, entry);
  }
  const totals = { grants: 0, revokes: 0, cancels: 0 };
  for (const e of byDoor.values()) {
    totals.grants += e.add.length;
    totals.revokes += e.remove.length;
    totals.cancels += e.cancelPending.length;
  }
  return { byDoor, totals };
}
