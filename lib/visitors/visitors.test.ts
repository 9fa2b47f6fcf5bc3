import type { Kysely } from 'kysely';
import { beforeEach, expect, it, vi } from 'vitest';
import type { Database } from '../db/schema';
import { describeDatabases } from '../db/test-databases';
import { visitStatus } from './status';
import { insertVisit, updateVisit, visitsBetween } from './store';
import { expireVisits, forgetOldVisitors } from './tasks';

vi.mock('../directory', () => ({ refreshPeople: async () => undefined }));
vi.mock('../spintly', () => ({ spintly: () => ({ background: {} }) }));

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-30T10:00:00Z');

/** Spintly as a visit's end sees it: one visitor with a lent card and its door, and a meeting. */
function fakeClient() {
  const calls: string[] = [];
  const visitor = {
    id: 901,
    name: 'Asha Guest',
    credentialId: 'V1234' as string | null,
    deactivatedOn: null as string | null,
  };
  const client = {
    deleteMeeting: async (id: number) => void calls.push(`deleteMeeting ${id}`),
    getUser: async (id: number) => (id === visitor.id ? { ...visitor } : null),
    unassignCard: async () => {
      calls.push('unassignCard');
      visitor.credentialId = null;
    },
    userPermissions: async () => ({
      permissionAssigned: [{ id: 501 }],
      pendingPermissions: [],
      permissionNotAssigned: [],
    }),
    changeUserDoors: async (_id: number, patch: object) => void calls.push(`changeUserDoors ${JSON.stringify(patch)}`),
    deactivateUsers: async () => {
      calls.push('deactivate');
      visitor.deactivatedOn = new Date(NOW).toISOString();
    },
    deleteUsers: async (ids: number[]) => void calls.push(`deleteUsers ${ids.join(',')}`),
  };
  return { client: client as never, calls };
}

let db: Kysely<Database>;
const visit = (key: string, startsAt: number, hours: number) =>
  insertVisit(
    db,
    {
      requestKey: key,
      visitorId: 901,
      visitorName: 'Asha Guest',
      visitorPhone: '+919800000001',
      visitorEmail: null,
      hostId: 7,
      hostName: 'Ravi Kumar',
      siteId: 1,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + hours * HOUR).toISOString(),
      doorIds: [501],
      createdBy: 'op-1',
    },
    new Date(startsAt),
  );

describeDatabases('visits', (database) => {
  beforeEach(async () => {
    db = await database.open();
  });

  it('a visit past its window is ended by the task: meeting deleted, card and door taken back, visitor deactivated', async () => {
    const over = await visit('k1', NOW - 5 * HOUR, 4);
    await updateVisit(db, over.id, { meetingId: 9001, card: 'V1234' });
    await visit('k2', NOW - HOUR, 4); // still on: untouched
    const { client, calls } = fakeClient();
    expect(await expireVisits(db, new Date(NOW), client)).toEqual({ expired: 1, failed: 0 });
    expect(calls).toEqual([
      'deleteMeeting 9001',
      'unassignCard',
      'changeUserDoors {"permissionsToRemove":[501]}',
      // The visitor's other visit is still open: they stay active for it.
    ]);
    const [later, ended] = await visitsBetween(db, {
      siteId: 1,
      from: new Date(NOW - 6 * HOUR).toISOString(),
      to: new Date(NOW).toISOString(),
    });
    expect(ended).toMatchObject({ id: over.id, endedHow: 'expired' });
    expect(later!.endedAt).toBeNull();
    expect(await expireVisits(db, new Date(NOW), client)).toEqual({ expired: 0, failed: 0 });
    const audit = await db.selectFrom('audit_log').selectAll().execute();
    expect(audit).toMatchObject([{ action: 'visitors.expire', operator_name: 'The portal', outcome: 'ok' }]);
  });

  it('the last open visit ending deactivates the visitor; visitors long gone are deleted, in Spintly and here', async () => {
    await visit('k1', NOW - 5 * HOUR, 4);
    const { client, calls } = fakeClient();
    await expireVisits(db, new Date(NOW), client);
    expect(calls).toContain('deactivate');
    expect(await forgetOldVisitors(db, new Date(NOW), client)).toEqual({ deleted: 0, failed: 0 }); // 30 days not over
    expect(await forgetOldVisitors(db, new Date(NOW + 31 * 24 * HOUR), client)).toEqual({ deleted: 1, failed: 0 });
    expect(calls.at(-1)).toBe('deleteUsers 901');
    expect(await db.selectFrom('visits').selectAll().execute()).toEqual([]);
  });

  it('reads a visit’s status: expected, in once seen at a door, left when ended, expired after its window', () => {
    const open = { endsAt: new Date(NOW + HOUR).toISOString(), endedHow: null };
    expect(visitStatus(open, false, NOW)).toBe('expected');
    expect(visitStatus(open, true, NOW)).toBe('in');
    expect(visitStatus({ ...open, endedHow: 'ended' }, true, NOW)).toBe('left');
    expect(visitStatus(open, true, NOW + 2 * HOUR)).toBe('expired');
    expect(visitStatus({ ...open, endedHow: 'expired' }, false, NOW)).toBe('expired');
  });
});
