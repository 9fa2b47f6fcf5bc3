/**
 * Rows 18–20 (visitor meetings) and the assumed list, with the literal paths and bodies of ../shared/spintly-api.md:
 * a meeting opens its doors to its user's QR (a mobile tap) inside its window only; the clock can be moved.
 */
import { describe, expect, it } from 'vitest';
import { PATHS, page, sandboxPerFile } from './harness';

const harness = sandboxPerFile();
const nowS = () => Math.floor((Date.now() + harness().sandbox.clockOffsetS * 1000) / 1000);

async function visitor() {
  const created = await harness().call('POST', PATHS.createUser, {
    name: `Visitor ${Math.random().toString(36).slice(2, 8)}`,
    roles: [6],
    homeSiteId: 1,
  });
  expect(created.status, JSON.stringify(created.json)).toBe(200);
  return created.json.message.userIds[0] as number;
}
const tap = async (userId: number, accessPointId: number) =>
  (await harness().control('POST', '/access', { userId, accessPointId, accessType: 'mobile' })).json.event.granted;
const meeting = async (body: object) => harness().call('POST', PATHS.meeting, body);

describe('rows 18–20: visitor meetings', () => {
  it('a meeting opens its doors inside its window, and not after it (clock moved)', async () => {
    const userId = await visitor();
    const start = nowS() - 60;
    const created = await meeting({ userId, startTime: start, endTime: start + 3600, permissionsToAdd: [501, 502] });
    expect(created.status).toBe(200);
    const meetingId = created.json.message.meetingId;
    expect(meetingId).toBeGreaterThan(0);
    expect(await tap(userId, 501)).toBe(true);
    expect(await tap(userId, 503)).toBe(false); // not a door of the meeting
    await harness().control('POST', '/clock', { offsetS: 2 * 3600 });
    try {
      expect(await tap(userId, 501)).toBe(false);
      const state = (await harness().control('GET', '/state')).json;
      expect(state.meetings).toContainEqual(
        expect.objectContaining({ id: meetingId, userId, accessPointIds: [501, 502] }),
      );
    } finally {
      await harness().control('POST', '/clock', { offsetS: 0 });
    }
  });

  it('before its window a meeting opens nothing', async () => {
    const userId = await visitor();
    const start = nowS() + 3600;
    expect((await meeting({ userId, startTime: start, endTime: start + 600, permissionsToAdd: [501] })).status).toBe(
      200,
    );
    expect(await tap(userId, 501)).toBe(false);
  });

  it('PATCH changes the window and the doors; DELETE ends it at once; both answer 404 for an unknown meeting', async () => {
    const userId = await visitor();
    const start = nowS() - 60;
    const id = (await meeting({ userId, startTime: start, endTime: start + 600, permissionsToAdd: [501] })).json.message
      .meetingId;
    const patched = await harness().call('PATCH', PATHS.meetingUpdate(id), {
      startTime: start,
      endTime: start + 7200,
      permissionsToAdd: [504],
      permissionsToRemove: [501],
    });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    expect(await tap(userId, 504)).toBe(true);
    expect(await tap(userId, 501)).toBe(false);
    const listed = await harness().call('POST', PATHS.meetings, { ...page(1, 10), filters: { userIds: [userId] } });
    expect(listed.json.message.meetings).toEqual([
      expect.objectContaining({ id, startTime: start, endTime: start + 7200, accessPointIds: [504] }),
    ]);
    expect((await harness().call('DELETE', PATHS.meetingDelete(id))).status).toBe(200);
    expect(await tap(userId, 504)).toBe(false);
    expect((await harness().call('DELETE', PATHS.meetingDelete(id))).status).toBe(404);
    expect((await harness().call('PATCH', PATHS.meetingUpdate(id), { endTime: start + 60 })).status).toBe(404);
  });

  it('refuses a bad meeting with 400 naming the field, and one for a deactivated user with 409', async () => {
    const userId = await visitor();
    const start = nowS();
    const endFirst = await meeting({ userId, startTime: start, endTime: start - 1, permissionsToAdd: [501] });
    expect(endFirst.status).toBe(400);
    expect(endFirst.json.message).toMatch(/endTime/);
    const unknownDoor = await meeting({ userId, startTime: start, endTime: start + 60, permissionsToAdd: [99999] });
    expect(unknownDoor.status).toBe(400);
    expect(unknownDoor.json.message).toMatch(/permissionsToAdd: access point 99999/);
    const noUser = await meeting({ userId: 999999, startTime: start, endTime: start + 60, permissionsToAdd: [501] });
    expect(noUser.status).toBe(400);
    expect(noUser.json.message).toMatch(/userId/);
    await harness().call('PATCH', PATHS.updateUsers, { users: [{ id: userId, deactivateUser: true }] });
    expect((await meeting({ userId, startTime: start, endTime: start + 60, permissionsToAdd: [501] })).status).toBe(
      409,
    );
  });

  it('lists meetings by user and by a time range that overlaps them', async () => {
    const userId = await visitor();
    const start = nowS() + 86_400;
    await meeting({ userId, startTime: start, endTime: start + 600, permissionsToAdd: [501] });
    const list = (filters: object) =>
      harness()
        .call('POST', PATHS.meetings, { ...page(1, 100), filters })
        .then((a) => a.json.message.meetings.length);
    expect(await list({ userIds: [userId] })).toBe(1);
    expect(await list({ userIds: [userId], from: start + 300, to: start + 400 })).toBe(1);
    expect(await list({ userIds: [userId], from: start + 600 })).toBe(0);
    expect(await list({ userIds: [userId], to: start })).toBe(0);
  });

  it('the clock can be read and moved back', async () => {
    const moved = await harness().control('POST', '/clock', { offsetS: 600 });
    expect(moved.json.offsetS).toBe(600);
    expect(Date.parse(moved.json.now) - Date.now()).toBeGreaterThan(590_000);
    expect((await harness().control('POST', '/clock', { offsetS: 0 })).json.offsetS).toBe(0);
  });
});
