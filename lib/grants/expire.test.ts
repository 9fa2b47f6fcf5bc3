import type { Kysely } from 'kysely';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../db';
import { SpintlyError } from '../spintly/errors';

/**
 * `access.expire` and temporary grants against a real store and a fake Spintly that remembers each person's doors:
 * a temporary grant's end takes away only what no other source still gives; a person Spintly does not answer for
 * keeps their grant open for the next run; a scheduled grant is given when its start comes.
 */
let database: Kysely<Database>;
vi.mock('../directory', () => ({
  refreshPeople: async () => undefined,
  directoryDb: async () => ({ db: database, dialect: 'sqlite' }),
}));
const { expireAccess } = await import('./expire');
const { grantTemporaryAccess } = await import('./temporary');
const { openGrantsOf, recordDirectGrants } = await import('./store');
const { queryAudit } = await import('../audit/log');
const { auditSentence } = await import('../audit/sentence');

const MADE = new Date('2026-12-02T04:30:00.000Z');
const HOURS = (n: number) => new Date(MADE.getTime() + n * 3_600_000);

/** Spintly as a map of person → doors they hold; `broken` people answer with an outage. */
function fakeSpintly(held: Record<number, number[]>, broken = new Set<number>()) {
  const doors = new Map(Object.entries(held).map(([id, list]) => [Number(id), new Set(list)]));
  const fail = (personId: number) => {
    if (broken.has(personId)) throw new SpintlyError({ kind: 'unavailable', endpoint: 'changeUserDoors', status: 503 });
  };
  return {
    doors,
    allDoors: async () => [501, 502, 503].map((id) => ({ id, name: `Door ${id}`, siteId: 1 })),
    userPermissions: async (personId: number) => ({
      permissionAssigned: [...(doors.get(personId) ?? [])].map((id) => ({ id, name: `Door ${id}` })),
      pendingPermissions: [],
      permissionNotAssigned: [],
    }),
    changeUserDoors: async (
      personId: number,
      patch: { permissionsToAdd?: number[]; permissionsToRemove?: number[] },
    ) => {
      fail(personId);
      const mine = doors.get(personId) ?? new Set<number>();
      for (const id of patch.permissionsToAdd ?? []) mine.add(id);
      for (const id of patch.permissionsToRemove ?? []) mine.delete(id);
      doors.set(personId, mine);
    },
  };
}

const asha = { id: 'op-asha', name: 'Asha Admin' };

beforeEach(async () => {
  database = await openDatabase('file::memory:');
});

describe('temporary access and its end', () => {
  it('takes away a door only when no other source gives it; a door held before is kept as "from Spintly"', async () => {
    // Person 1 held door 501 before (no record); person 2 holds 502 only for a while; person 3 also holds 503
    // directly from a screen.
    const spintly = fakeSpintly({ 1: [501] });
    const temp = (personId: number, doorId: number) =>
      grantTemporaryAccess(
        database,
        spintly as never,
        asha,
        { personId, doorIds: [doorId], startsAt: null, endsAt: HOURS(4).toISOString(), reason: 'Contractor' },
        MADE,
      );
    await temp(1, 501);
    await temp(2, 502);
    await temp(3, 503);
    await recordDirectGrants(database, asha, [{ personId: 3, doorId: 503 }], HOURS(1));
    expect([...spintly.doors.get(2)!]).toEqual([502]);
    expect((await openGrantsOf(database, 1)).map((g) => g.grantedByName)).toEqual(['Spintly', 'Asha Admin']);

    expect(await expireAccess(database, HOURS(3), spintly as never)).toEqual({
      started: 0,
      ended: 0,
      kept: 0,
      failed: 0,
    });
    expect(await expireAccess(database, HOURS(4), spintly as never)).toEqual({
      started: 0,
      ended: 3,
      kept: 2,
      failed: 0,
    });
    expect([...spintly.doors.get(1)!]).toEqual([501]);
    expect([...spintly.doors.get(2)!]).toEqual([]);
    expect([...spintly.doors.get(3)!]).toEqual([503]);
    expect((await openGrantsOf(database, 2)).length).toBe(0);

    const { entries } = await queryAudit(database, { action: 'permissions.expire' }, { page: 1, perPage: 10 });
    expect(entries.map(auditSentence).sort()).toEqual([
      'The portal ended person 1’s access to Door 501, as set by Asha Admin on 02/12/2026 (still given by another source)',
      'The portal ended person 2’s access to Door 502, as set by Asha Admin on 02/12/2026',
      'The portal ended person 3’s access to Door 503, as set by Asha Admin on 02/12/2026 (still given by another source)',
    ]);
  });

  it('leaves a grant open when Spintly does not answer, and ends it at the next run', async () => {
    const broken = new Set<number>();
    const spintly = fakeSpintly({}, broken);
    await grantTemporaryAccess(
      database,
      spintly as never,
      asha,
      { personId: 7, doorIds: [502], startsAt: null, endsAt: HOURS(1).toISOString(), reason: 'Guest' },
      MADE,
    );
    broken.add(7);
    expect(await expireAccess(database, HOURS(2), spintly as never)).toMatchObject({ ended: 0, failed: 1 });
    expect((await openGrantsOf(database, 7)).length).toBe(1);
    expect([...spintly.doors.get(7)!]).toEqual([502]);
    broken.delete(7);
    expect(await expireAccess(database, HOURS(2), spintly as never)).toMatchObject({ ended: 1, failed: 0 });
    expect([...spintly.doors.get(7)!]).toEqual([]);
  });

  it('gives a scheduled grant when its start comes, and not before', async () => {
    const spintly = fakeSpintly({});
    await grantTemporaryAccess(
      database,
      spintly as never,
      asha,
      {
        personId: 9,
        doorIds: [501],
        startsAt: HOURS(24).toISOString(),
        endsAt: HOURS(28).toISOString(),
        reason: 'Friday',
      },
      MADE,
    );
    expect(spintly.doors.get(9)).toBeUndefined();
    expect(await expireAccess(database, HOURS(23), spintly as never)).toMatchObject({ started: 0 });
    expect(await expireAccess(database, HOURS(24), spintly as never)).toMatchObject({ started: 1 });
    expect([...spintly.doors.get(9)!]).toEqual([501]);
    expect(await expireAccess(database, HOURS(28), spintly as never)).toMatchObject({ ended: 1 });
    expect([...spintly.doors.get(9)!]).toEqual([]);
  });
});
