import { describe, expect, it } from 'vitest';
import { doorHolders, personDoors, pendingOf, takeAway } from './holders';

const door = {
  usersWithPermissions: [{ id: 1 }, { id: 2 }],
  usersWithPendingPermissions: [
    { id: 3, pendingAction: 'grant' as const, pendingSince: '2026-12-01T10:00:00.000Z' },
    { id: 4, pendingAction: 'revoke' as const },
    { id: 5 }, // Spintly did not say: a grant
  ],
};

describe('holders: who has a door, pending rules in one place', () => {
  it('counts holders now, and "holds or will hold" as holders plus pending grants, never pending revokes', () => {
    const h = doorHolders(door);
    expect(h.holderCount).toBe(2);
    expect([...h.willHold].sort()).toEqual([1, 2, 3, 5]);
  });

  it('reads a pending item as a grant unless it says revoke, with its time when given', () => {
    expect(pendingOf(door.usersWithPendingPermissions[0]!)).toEqual({
      action: 'grant',
      since: '2026-12-01T10:00:00.000Z',
    });
    expect(pendingOf({ id: 5 })).toEqual({ action: 'grant', since: null });
    expect(pendingOf({ id: 4, pendingAction: 'revoke' }).action).toBe('revoke');
  });

  it('gives a person’s doors their states and what they hold or will hold', () => {
    const p = personDoors({
      permissionAssigned: [{ id: 501 }],
      pendingPermissions: [{ id: 502 }, { id: 503, pendingAction: 'revoke' as const }],
      permissionNotAssigned: [{ id: 504 }],
    });
    expect(p.doors.map((d) => [d.id, d.state])).toEqual([
      [501, 'assigned'],
      [502, 'pending'],
      [503, 'pending'],
      [504, 'not_assigned'],
    ]);
    expect([...p.willHold]).toEqual([501, 502]);
  });

  it('taking doors away removes the assigned, cancels pending grants, leaves pending revokes, and can be limited', () => {
    const doors = {
      permissionAssigned: [{ id: 501 }, { id: 601 }],
      pendingPermissions: [{ id: 502 }, { id: 503, pendingAction: 'revoke' as const }],
    };
    expect(takeAway(doors)).toEqual({ permissionsToRemove: [501, 601], pendingPermissionsToRemove: [502], count: 3 });
    expect(takeAway(doors, [601])).toEqual({ permissionsToRemove: [601], count: 1 });
    expect(takeAway(doors, [503])).toBeNull();
  });
});
