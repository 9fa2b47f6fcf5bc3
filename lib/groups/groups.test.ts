import type { Kysely } from 'kysely';
import { beforeEach, expect, it, vi } from 'vitest';
import type { Database } from '../db/schema';
import { describeDatabases } from '../db/test-databases';
import { upsertPeople } from '../directory/store';
import { spintlyUser } from '../spintly/fixtures';
import { SpintlyError } from '../spintly/errors';

/**
 * Access groups end to end below the screens, on SQLite and Postgres, with a fake Spintly that remembers who holds
 * which door: a group given to a person and a company lands for each member; removing the person takes only the door
 * they do not also hold directly; a door taken out of the group goes from everyone; drift (a door removed behind the
 * portal's back) is found and repaired without a second record; a failure is kept for the page and retried; a
 * membership's last day ends its grants through the expiry task; the scope of a group is its doors'.
 */
let db: Kysely<Database>;
const DOORS = [
  { id: 501, name: 'Main Entrance', siteId: 1 },
  { id: 502, name: 'Gym', siteId: 1 },
  { id: 601, name: 'Loft Door', siteId: 2 },
];
const held = new Map<number, Set<number>>();
const broken = new Set<number>();
const fake = {
  allDoors: async () => DOORS,
  allAccessPoints: async (siteId: number) => DOORS.filter((d) => d.siteId === siteId),
  userPermissions: async (personId: number) => ({
    permissionAssigned: [...(held.get(personId) ?? [])].map((id) => ({ id, name: `Door ${id}`, siteId: 1 })),
    pendingPermissions: [],
    permissionNotAssigned: [],
  }),
  changeUserDoors: async (personId: number, patch: { permissionsToAdd?: number[]; permissionsToRemove?: number[] }) => {
    if (broken.has(personId)) throw new SpintlyError({ kind: 'unavailable', endpoint: 'changeUserDoors', status: 503 });
    const mine = held.get(personId) ?? new Set<number>();
    for (const id of patch.permissionsToAdd ?? []) mine.add(id);
    for (const id of patch.permissionsToRemove ?? []) mine.delete(id);
    held.set(personId, mine);
  },
  doorHolderIds: async (doorId: number) => ({
    usersWithPermissions: [...held].filter(([, doors]) => doors.has(doorId)).map(([id]) => ({ id })),
    usersWithPendingPermissions: [],
  }),
};
vi.mock('../spintly', () => ({ spintly: () => Object.assign(fake, { background: fake }) }));
vi.mock('../db', async (original) => ({ ...(await original<object>()), db: async () => db }));
vi.mock('../directory', async (original) => ({
  ...(await original<object>()),
  refreshPeople: async () => undefined,
}));

const { groupApplyKind } = await import('./apply');
const { planDoorChange, planNewMembers, planRemoval, planRepair } = await import('./plan');
const { groupStatus } = await import('./status');
const { planCompanyFollowing } = await import('./follow');
const store = await import('./store');
const { recordDirectGrants, openGrantsOf } = await import('../grants/store');
const { expireAccess } = await import('../grants/expire');
const { checkScope } = await import('../auth/scope');
const { createCompany } = await import('../companies/store');

const SUPER = { id: 'op-super', email: 's@x', name: 'Sam Super', role: 'super_admin' as const, siteIds: [] };
const jobCtx = () =>
  ({ db, operator: SUPER, job: { id: 'job-1' } as never, resumed: false }) as Parameters<
    typeof groupApplyKind.process
  >[1];

/** Runs a plan's items as the job would, one after another; returns each outcome or the error's message. */
async function run(items: readonly unknown[]) {
  const outcomes: string[] = [];
  for (const item of items)
    outcomes.push(
      await groupApplyKind.process(item, jobCtx()).then(
        (r) => r.outcome,
        (e: Error) => `failed: ${e.message}`,
      ),
    );
  return outcomes;
}

const doorsOf = (personId: number) => [...(held.get(personId) ?? [])].sort();

describeDatabases('access groups', (database) => {
  let groupId: number;
  let companyId: number;

  beforeEach(async () => {
    db = await database.open();
    held.clear();
    broken.clear();
    // People 1 (no company), 2 and 3 (of the company holding value 106).
    await upsertPeople(
      db,
      database.kind,
      [
        spintlyUser(1, { homeSiteId: 1 }),
        ...[2, 3].map((id) => spintlyUser(id, { homeSiteId: 1, company: { termId: 106 } })),
      ],
      new Date().toISOString(),
    );
    companyId = await createCompany(db, {
      name: 'Orbitpay',
      validFrom: '2026-01-01',
      siteIds: [1],
      doorIds: [501, 502],
      termId: 106,
    });
    groupId = await store.createGroup(db, SUPER, {
      name: 'Gym members',
      description: null,
      doors: [
        { doorId: 501, siteId: 1 },
        { doorId: 502, siteId: 1 },
      ],
    });
    // Person 1 already holds the main entrance, given directly from a screen.
    held.set(1, new Set([501]));
    await recordDirectGrants(db, SUPER, [{ personId: 1, doorId: 501 }]);
  });

  const group = async () => (await store.getGroup(db, groupId))!;
  const join = async (add: { personIds?: number[]; companyIds?: number[]; endsAt?: string | null }) => {
    const { added } = await store.addMemberships(db, SUPER, groupId, {
      personIds: add.personIds ?? [],
      companyIds: add.companyIds ?? [],
      startsAt: null,
      endsAt: add.endsAt ?? null,
    });
    return { added, outcomes: await run(await planNewMembers(db, await group(), added)) };
  };

  it('gives a person and a company’s members the doors; removing the person leaves the door they hold directly', async () => {
    const { added, outcomes } = await join({ personIds: [1], companyIds: [companyId] });
    expect(outcomes).toEqual(['given', 'given', 'given']);
    expect([doorsOf(1), doorsOf(2), doorsOf(3)]).toEqual([
      [501, 502],
      [501, 502],
      [501, 502],
    ]);
    // Applying again sends nothing and records nothing twice.
    expect(await run(await planNewMembers(db, await group(), added))).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect((await openGrantsOf(db, 2)).filter((g) => g.source === 'group')).toHaveLength(2);

    const person = added.find((m) => m.personId === 1)!;
    await store.removeMembership(db, person.id);
    expect(await run(await planRemoval(db, await group(), person))).toEqual(['taken']);
    expect(doorsOf(1)).toEqual([501]);
    const left = await openGrantsOf(db, 1);
    expect(left.map((g) => [g.doorId, g.source])).toEqual([[501, 'direct']]);
    // The company's people keep both.
    expect(doorsOf(2)).toEqual([501, 502]);
  });

  it('a door taken out of the group goes from every member; one added is given to all', async () => {
    await join({ companyIds: [companyId] });
    const change = await store.updateGroup(db, groupId, {
      name: 'Gym members',
      description: null,
      doors: [
        { doorId: 502, siteId: 1 },
        { doorId: 601, siteId: 2 },
      ],
    });
    expect(change).toEqual({ added: [601], removed: [501] });
    const items = await planDoorChange(db, await group(), await store.openMemberships(db, groupId), change);
    expect(items).toHaveLength(2);
    await run(items);
    expect([doorsOf(2), doorsOf(3)]).toEqual([
      [502, 601],
      [502, 601],
    ]);
  });

  it('finds drift made behind the portal’s back and repairs it without a second record', async () => {
    await join({ companyIds: [companyId] });
    held.get(2)!.delete(502); // someone took the gym away in Spintly's own dashboard
    const first = await groupStatus(db, fake, await group());
    const drifted = first.rows.filter((r) => r.drift);
    expect(drifted.map((r) => [r.personId, r.states.get(502)])).toEqual([[2, 'missing']]);
    const items = await planRepair(db, await group(), first.memberships, new Set(drifted.map((r) => r.personId)));
    expect(await run(items)).toEqual(['given']);
    expect(doorsOf(2)).toEqual([501, 502]);
    expect((await openGrantsOf(db, 2)).filter((g) => g.doorId === 502)).toHaveLength(1);
    expect((await groupStatus(db, fake, await group())).rows.some((r) => r.drift)).toBe(false);
  });

  it('keeps a refusal for the page and clears it when a later apply succeeds', async () => {
    broken.add(3);
    const { added, outcomes } = await join({ companyIds: [companyId] });
    expect(outcomes[1]).toMatch(/^failed: /);
    const status = await groupStatus(db, fake, await group());
    expect(status.rows.find((r) => r.personId === 3)?.states.get(502)).toBe('failed');
    broken.clear();
    await run(await planNewMembers(db, await group(), added));
    expect(doorsOf(3)).toEqual([501, 502]);
    expect((await store.failuresOf(db, groupId)).size).toBe(0);
  });

  it('a removal Spintly refused leaves the grants open, shows as left over, and Repair takes them back', async () => {
    const { added } = await join({ personIds: [1] });
    const person = added[0]!;
    await store.removeMembership(db, person.id);
    broken.add(1);
    expect((await run(await planRemoval(db, await group(), person)))[0]).toMatch(/^failed: /);
    expect(doorsOf(1)).toEqual([501, 502]);
    const { leftovers, memberships, rows } = await groupStatus(db, fake, await group());
    expect([...leftovers.keys()]).toEqual([1]);
    broken.clear();
    const repair = await planRepair(
      db,
      await group(),
      memberships,
      new Set(rows.filter((r) => r.drift).map((r) => r.personId)),
      leftovers,
    );
    expect(await run(repair)).toEqual(['taken']);
    expect(doorsOf(1)).toEqual([501]);
    expect((await groupStatus(db, fake, await group())).leftovers.size).toBe(0);
  });

  it('a membership’s last day ends its grants through the expiry task, leaving the direct grant', async () => {
    const end = new Date(Date.now() + 3_600_000).toISOString();
    await join({ personIds: [1], endsAt: end });
    expect(doorsOf(1)).toEqual([501, 502]);
    // Extended by a day, then set back: the grants follow the membership.
    const later = new Date(Date.parse(end) + 86_400_000).toISOString();
    const [membership] = await store.openMemberships(db, groupId);
    await store.setMembershipEnd(db, membership!.id, later);
    expect((await openGrantsOf(db, 1)).filter((g) => g.source === 'group').map((g) => g.endsAt)).toEqual([
      later,
      later,
    ]);
    expect(await expireAccess(db, new Date(Date.parse(end) + 1000), fake)).toMatchObject({ ended: 0 });
    await store.setMembershipEnd(db, membership!.id, end);
    const counts = await expireAccess(db, new Date(Date.parse(end) + 1000), fake);
    expect(counts).toMatchObject({ ended: 2, kept: 1, failed: 0 });
    expect(doorsOf(1)).toEqual([501]);
  });

  it('a company in a group follows its people: a joiner gets the doors, a leaver loses them, the deactivated get none', async () => {
    await join({ companyIds: [companyId] });
    expect([...(await planCompanyFollowing(db)).keys()]).toEqual([]);
    // Person 4 joins the company (the directory's next sync), person 2 leaves it, person 5 joins deactivated.
    await upsertPeople(
      db,
      database.kind,
      [
        spintlyUser(4, { homeSiteId: 1, company: { termId: 106 } }),
        spintlyUser(2, { homeSiteId: 1, company: { termId: 107 } }),
        spintlyUser(5, { homeSiteId: 1, company: { termId: 106 } }),
      ],
      new Date().toISOString(),
    );
    await db.updateTable('people').set({ active: 0 }).where('id', '=', 5).execute();
    const { items } = (await planCompanyFollowing(db)).get(groupId)!;
    expect(items.map((i) => [i.personId, i.give?.length ?? 0, i.take?.length ?? 0])).toEqual([
      [4, 1, 0],
      [2, 0, 1],
    ]);
    expect(await run(items)).toEqual(['given', 'taken']);
    expect([doorsOf(4), doorsOf(2), doorsOf(3)]).toEqual([[501, 502], [], [501, 502]]);
    expect((await planCompanyFollowing(db)).size).toBe(0);
  });

  it('a group is in a site admin’s scope only when all its doors are at their sites', async () => {
    const siteAdmin = (siteIds: number[]) => ({ role: 'site_admin' as const, siteIds });
    expect((await checkScope(siteAdmin([1]), [{ type: 'group', id: groupId }], fake as never)).ok).toBe(true);
    expect((await checkScope(siteAdmin([2]), [{ type: 'group', id: groupId }], fake as never)).ok).toBe(false);
    await store.updateGroup(db, groupId, {
      name: 'Gym members',
      description: null,
      doors: [
        { doorId: 502, siteId: 1 },
        { doorId: 601, siteId: 2 },
      ],
    });
    expect((await checkScope(siteAdmin([1]), [{ type: 'group', id: groupId }], fake as never)).ok).toBe(false);
    expect((await checkScope(siteAdmin([1, 2]), [{ type: 'group', id: groupId }], fake as never)).ok).toBe(true);
    // A company admin: inside their envelope (501, 502) only.
    const companyAdmin = { role: 'company_admin' as const, siteIds: [1, 2], companyIds: [companyId] };
    expect((await checkScope(companyAdmin, [{ type: 'group', id: groupId }], fake as never)).ok).toBe(false);
    expect((await checkScope(siteAdmin([1]), [{ type: 'group', id: 999 }], fake as never)).ok).toBe(false);
  });
});
