/** Permission changes stay pending until the door's reader syncs; offline readers keep them pending. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS, openHarness, type Harness } from './harness';

let now = Date.parse('2026-06-01T09:00:00Z');
let h: Harness;
beforeAll(async () => {
  h = await openHarness({ now: () => now, syncMs: 3000, tokenTtlS: 30 * 86_400 });
});
afterAll(() => h.sandbox.close());

const pendingAt = async (doorId: number) =>
  (await h.call('GET', PATHS.doorUsers(doorId))).json.message.usersWithPendingPermissions as {
    id: number;
    pendingAction: string;
    pendingSince: string;
  }[];
const holdersOf = async (doorId: number) =>
  ((await h.call('GET', PATHS.doorUsers(doorId))).json.message.usersWithPermissions as { id: number }[]).map(
    (u) => u.id,
  );
const newPerson = async (name: string) =>
  (await h.call('POST', PATHS.createUser, { name })).json.message.userIds[0] as number;
const offlineDoor = () => h.sandbox.world.snapshot().readers.find((r) => !r.online)!.accessPointId;
const onlineDoor = 504;

describe('pending permissions', () => {
  it('a grant is pending, with its start time, until an online reader syncs after SANDBOX_SYNC_MS', async () => {
    const id = await newPerson('Pending Grant');
    await h.call('PATCH', PATHS.doorUsers(onlineDoor), { permissionsToAdd: [id] });
    expect(await pendingAt(onlineDoor)).toContainEqual(
      expect.objectContaining({ id, pendingAction: 'grant', pendingSince: new Date(now).toISOString() }),
    );
    expect(await holdersOf(onlineDoor)).not.toContain(id);

    now += 2999;
    expect((await pendingAt(onlineDoor)).map((u) => u.id)).toContain(id);
    now += 1;
    expect((await pendingAt(onlineDoor)).map((u) => u.id)).not.toContain(id);
    expect(await holdersOf(onlineDoor)).toContain(id);
    const perms = (await h.call('POST', PATHS.userPermissions(id), { sites: [] })).json.message;
    expect(perms.permissionAssigned.map((d: { id: number }) => d.id)).toEqual([onlineDoor]);
  });

  it('a revoke is pending too, and the person keeps opening the door until the reader syncs', async () => {
    const id = await newPerson('Pending Revoke');
    await h.call('PATCH', PATHS.doorUsers(onlineDoor), { permissionsToAdd: [id] });
    await h.control('POST', '/sync');
    await h.call('PATCH', PATHS.doorUsers(onlineDoor), { permissionsToRemove: [id] });
    expect(await pendingAt(onlineDoor)).toContainEqual(expect.objectContaining({ id, pendingAction: 'revoke' }));
    const tap = await h.control('POST', '/access', { userId: id, accessPointId: onlineDoor, accessType: 'mobile' });
    expect(tap.json.event.granted).toBe(true);
    now += 3000;
    expect(await holdersOf(onlineDoor)).not.toContain(id);
  });

  it('an offline reader keeps the change pending however long, and syncs once it is back online', async () => {
    const doorId = offlineDoor();
    const id = await newPerson('Offline Grant');
    await h.call('PATCH', PATHS.doorUsers(doorId), { permissionsToAdd: [id] });
    now += 3_600_000;
    await h.control('POST', '/sync');
    expect((await pendingAt(doorId)).map((u) => u.id)).toContain(id);

    expect((await h.control('POST', `/readers/${doorId}`, { online: true })).json).toEqual({
      accessPointId: doorId,
      online: true,
    });
    expect((await pendingAt(doorId)).map((u) => u.id)).toContain(id); // a reader needs SYNC_MS after reconnecting
    now += 3000;
    expect(await holdersOf(doorId)).toContain(id);
    await h.control('POST', `/readers/${doorId}`, { online: false });
  });

  it('POST /__sandbox/sync makes every online reader sync now', async () => {
    const id = await newPerson('Forced Sync');
    await h.call('PATCH', PATHS.doorUsers(onlineDoor), { permissionsToAdd: [id] });
    const synced = await h.control('POST', '/sync');
    expect(synced.json.synced).toBeGreaterThanOrEqual(1);
    expect(await holdersOf(onlineDoor)).toContain(id);
  });

  it('pendingPermissionsToRemove cancels a pending change; asking again for the synced state cancels it too', async () => {
    const doorId = offlineDoor();
    const a = await newPerson('Cancel Me');
    const b = await newPerson('Undo Me');
    await h.call('PATCH', PATHS.doorUsers(doorId), { permissionsToAdd: [a, b] });
    await h.call('PATCH', PATHS.doorUsers(doorId), { pendingPermissionsToRemove: [a], permissionsToRemove: [b] });
    const pending = (await pendingAt(doorId)).map((u) => u.id);
    expect(pending).not.toContain(a);
    expect(pending).not.toContain(b);
  });

  it('sending the same change twice keeps one pending entry and its first timestamp', async () => {
    const doorId = offlineDoor();
    const id = await newPerson('Twice');
    await h.call('PATCH', PATHS.doorUsers(doorId), { permissionsToAdd: [id] });
    const first = (await pendingAt(doorId)).find((u) => u.id === id)!;
    now += 10_000;
    await h.call('PATCH', PATHS.doorUsers(doorId), { permissionsToAdd: [id] });
    const entries = (await pendingAt(doorId)).filter((u) => u.id === id);
    expect(entries).toEqual([first]);
  });

  it('the seed leaves a few changes pending on offline readers', async () => {
    const fresh = await openHarness({ now: () => now });
    try {
      const state = (await fresh.control('GET', '/state')).json;
      const offline = new Set(
        state.readers
          .filter((r: { online: boolean }) => !r.online)
          .map((r: { accessPointId: number }) => r.accessPointId),
      );
      expect(offline.size).toBe(3);
      expect(state.pending.length).toBeGreaterThan(0);
      expect(state.pending.every((p: { accessPointId: number }) => offline.has(p.accessPointId))).toBe(true);
    } finally {
      await fresh.sandbox.close();
    }
  });
});

describe('taps', () => {
  it('grants or denies by the person’s state and what the reader has synced', async () => {
    const id = await newPerson('Tapper');
    const tap = async (accessType = 'mobile') =>
      (await h.control('POST', '/access', { userId: id, accessPointId: onlineDoor, accessType })).json.event;
    expect((await tap()).granted).toBe(false);
    await h.call('PATCH', PATHS.doorUsers(onlineDoor), { permissionsToAdd: [id] });
    expect((await tap()).granted).toBe(false); // still pending
    await h.control('POST', '/sync');
    const granted = await tap();
    expect(granted).toMatchObject({
      granted: true,
      accessorId: id,
      accessPoint: { id: onlineDoor },
      accessType: 'mobile',
    });
    expect((await tap('card')).granted).toBe(false); // no card yet
    await h.call('POST', PATHS.assignCard(id), { credentialId: 'TAP0001' });
    expect((await tap('card')).granted).toBe(true);
    await h.call('PATCH', PATHS.updateUsers, { users: [{ id, deactivateUser: true }] });
    expect((await tap('card')).granted).toBe(false);
    const history = await h.call('POST', PATHS.history, {
      pagination: { page: 1, perPage: 10 },
      filters: { start: '2000-01-01 00:00:00 +00:00', end: '2100-01-01 00:00:00 +00:00', users: [id] },
    });
    expect(history.json.message.pagination.total).toBe(6);
  });

  it('answers 404 for an unknown person or door and 400 for a bad access type', async () => {
    expect((await h.control('POST', '/access', { userId: 999999, accessPointId: onlineDoor })).status).toBe(404);
    expect((await h.control('POST', '/access', { userId: 1001, accessPointId: 9 })).status).toBe(404);
    expect(
      (await h.control('POST', '/access', { userId: 1001, accessPointId: onlineDoor, accessType: 'face' })).status,
    ).toBe(400);
  });
});
