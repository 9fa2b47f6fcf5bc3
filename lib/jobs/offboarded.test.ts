import type { Kysely } from 'kysely';
import { beforeEach, expect, it, vi } from 'vitest';
import type { Database } from '../db/schema';
import { describeDatabases } from '../db/test-databases';
import { SpintlyError } from '../spintly/errors';
import { deleteOffboarded, forgetOffboarded, markOffboarded } from './offboarded';

/** Spintly as the deletion sees it: who exists, who is deactivated, and what it was asked to delete. */
const spintlyState = vi.hoisted(() => ({
  users: new Map<number, { id: number; name: string; deactivatedOn: string | null }>(),
  deleted: [] as number[],
  refuse: new Set<number>(),
}));
vi.mock('../spintly', () => ({
  spintly: () => ({
    getUser: async (id: number) => spintlyState.users.get(id) ?? null,
    deleteUsers: async (ids: number[]) => {
      if (ids.some((id) => spintlyState.refuse.has(id)))
        throw new SpintlyError({ kind: 'unavailable', endpoint: 'deleteUsers', status: 503 });
      spintlyState.deleted.push(...ids);
    },
  }),
}));
vi.mock('../directory', () => ({ refreshPeople: async () => undefined }));

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-30T06:00:00Z');
let db: Kysely<Database>;

const person = (id: number, deactivated: boolean) =>
  spintlyState.users.set(id, { id, name: `Person ${id}`, deactivatedOn: deactivated ? '2026-10-01T00:00:00Z' : null });
const offboard = (id: number, daysAgo: number, again = false) =>
  markOffboarded(
    db,
    { personId: id, name: `Person ${id}`, siteId: 1, operatorId: 'op-1', again },
    new Date(NOW - daysAgo * DAY),
  );
const remembered = async () =>
  (await db.selectFrom('offboarded_people').select('person_id').orderBy('person_id').execute()).map((r) =>
    Number(r.person_id),
  );

describeDatabases('offboarded people', (database) => {
  beforeEach(async () => {
    db = await database.open();
    spintlyState.users.clear();
    spintlyState.deleted.length = 0;
    spintlyState.refuse.clear();
  });

  it('deletes those offboarded longer ago than the setting, keeps the reactivated, retries a refusal', async () => {
    person(1, true); // offboarded 31 days ago, still deactivated: deleted
    person(2, false); // offboarded 31 days ago, reactivated since: kept in Spintly, forgotten here
    person(3, true); // offboarded 10 days ago: not yet
    person(5, true); // Spintly refuses the deletion: tried again next run
    await offboard(1, 31);
    await offboard(2, 31);
    await offboard(3, 10);
    await offboard(4, 40); // gone from Spintly already
    await offboard(5, 31);
    spintlyState.refuse.add(5);

    expect(await deleteOffboarded(db, 30, NOW)).toEqual({ deleted: 1, kept: 1, gone: 1, failed: 1 });
    expect(spintlyState.deleted).toEqual([1]);
    expect(await remembered()).toEqual([3, 5]);
    const audit = await db.selectFrom('audit_log').selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'people.delete', operator_id: 'op-1', outcome: 'ok', target_ids: '1' });
    expect(JSON.parse(audit[0]!.facts!)).toEqual({ offboardedOn: expect.any(String), afterDays: 30 });
  });

  it('an offboarding that changed something restarts the clock; one that found nothing to do keeps the first date', async () => {
    person(1, true);
    person(2, true);
    await offboard(1, 40);
    await offboard(1, 5, true); // reactivated and offboarded anew five days ago
    await offboard(2, 40);
    await offboard(2, 5, false); // offboarded again, already offboarded: nothing changed
    expect(await deleteOffboarded(db, 30, NOW)).toMatchObject({ deleted: 1 });
    expect(spintlyState.deleted).toEqual([2]);
  });

  it('a person activated again is forgotten', async () => {
    person(1, true);
    await offboard(1, 40);
    await forgetOffboarded(db, [1]);
    expect(await deleteOffboarded(db, 30, NOW)).toEqual({ deleted: 0, kept: 0, gone: 0, failed: 0 });
    expect(spintlyState.deleted).toEqual([]);
  });
});
