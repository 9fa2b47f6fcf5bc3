import type { Kysely } from 'kysely';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { audit } from '../audit/log';
import type { ScopedOperator } from '../auth/permissions';
import { openDatabase, type Database } from '../db';
import { upsertPeople } from '../directory/store';
import { spintlyUser } from '../spintly/fixtures';

/**
 * The readers under the pages decide whose data an operator sees: a site admin only their sites' people and audit
 * records — also when the URL names another site — a super admin every site, an operator left with no site nothing.
 * Each is read here against a real directory, with Spintly a fake that knows two sites.
 */
let database: Kysely<Database>;
const SITES = [
  { id: 1, name: 'Koramangala Hub', location: null },
  { id: 2, name: 'Indiranagar Loft', location: null },
];
vi.mock('../db', async (original) => ({ ...(await original<object>()), db: async () => database }));
/** Door 501's answer: two holders (sites 1 and 2), a grant and a removal pending (site 1). */
const doorUsers = vi.fn(async (doorId: number) => ({
  usersWithPermissions: [
    { id: 1, name: 'One', homeSiteId: 1 },
    { id: 3, name: 'Three', homeSiteId: 2 },
  ],
  usersWithPendingPermissions: [
    { id: 2, name: 'Two', homeSiteId: 1, pendingAction: 'grant' as const },
    { id: 4, name: 'Four', homeSiteId: 1, pendingAction: 'revoke' as const },
  ].filter(() => doorId === 501),
}));
vi.mock('../spintly', () => ({
  spintly: () => ({
    doorUsers,
    allSites: async () => SITES,
    listRoles: async () => [{ id: 1, name: 'Member' }],
    allDoors: async () => [
      { id: 501, name: 'Gym', siteId: 1 },
      { id: 502, name: 'Lobby', siteId: 1 },
      { id: 601, name: 'Gym', siteId: 2 },
    ],
  }),
}));
vi.mock('../directory', async (original) => ({
  ...(await original<object>()),
  directoryDb: async () => ({ db: database, dialect: 'sqlite' }),
}));

const { listPeopleInScope, peopleCountsInScope, streamPeopleInScope } = await import('./people');
const { auditExportRows, auditScope } = await import('./audit');
const { activityFilter } = await import('./activity');
const { queryEvents } = await import('../activity/query');
const { storeEvents } = await import('../activity/store');
const { entriesTodayByCompany } = await import('./companies');
const { accessEndingSoon, temporaryDoorChoices } = await import('./grants');
const { addGrants } = await import('../grants/store');
const { doorHolderIdsInScope } = await import('./doors');

const siteAdmin: ScopedOperator = { role: 'site_admin', siteIds: [1] };
const superAdmin: ScopedOperator = { role: 'super_admin', siteIds: [] };
const noSites: ScopedOperator = { role: 'site_admin', siteIds: [] };

const user = (id: number, homeSiteId: number) => spintlyUser(id, { homeSiteId });

beforeEach(async () => {
  database = await openDatabase('file::memory:');
  await upsertPeople(database, 'sqlite', [user(1, 1), user(2, 1), user(3, 2)], new Date().toISOString());
});

/** A list query as the URL's defaults leave it, with what a test sets. */
const list = (over: { site?: number } = {}) => ({ status: 'all' as const, ...over });

const ids = (rows: readonly { id: number }[]) => rows.map((r) => r.id).sort();

describe('the home page’s people counts', () => {
  it('are kept per scope for a minute, and recounted at once when the directory changes', async () => {
    const now = Date.now();
    expect(await peopleCountsInScope(siteAdmin, now)).toMatchObject({ people: 2, countedAt: now });
    // A change the directory's writers did not make (another process, say): seen when the minute is up.
    await database.deleteFrom('people').where('id', '=', 2).execute();
    expect(await peopleCountsInScope(siteAdmin, now + 30_000)).toMatchObject({ people: 2, countedAt: now });
    expect(await peopleCountsInScope(siteAdmin, now + 61_000)).toMatchObject({ people: 1, countedAt: now + 61_000 });
    // A change through the directory: counted again on the next view.
    await upsertPeople(database, 'sqlite', [user(4, 1)], new Date().toISOString());
    expect(await peopleCountsInScope(siteAdmin, now + 62_000)).toMatchObject({ people: 2, countedAt: now + 62_000 });
    // Another scope has its own figures.
    expect(await peopleCountsInScope(superAdmin, now + 62_000)).toMatchObject({ people: 3 });
  });
});

describe('the people list', () => {
  it('shows a site admin their sites’ people only, also when the URL asks for another site', async () => {
    expect(ids((await listPeopleInScope(siteAdmin, list(), 50)).items)).toEqual([1, 2]);
    expect(await listPeopleInScope(siteAdmin, list({ site: 2 }), 50)).toEqual({ items: [], total: 0 });
    expect(ids((await listPeopleInScope(superAdmin, list(), 50)).items)).toEqual([1, 2, 3]);
    expect(ids((await listPeopleInScope(superAdmin, list({ site: 2 }), 50)).items)).toEqual([3]);
    expect((await listPeopleInScope(noSites, list(), 50)).total).toBe(0);
  });

  it('counts and exports within the same scope', async () => {
    expect(await peopleCountsInScope(siteAdmin)).toMatchObject({ people: 2 });
    expect(await peopleCountsInScope(noSites)).toMatchObject({ people: 0 });
    const exported = [];
    for await (const row of streamPeopleInScope(siteAdmin, list())) exported.push(row);
    expect(ids(exported)).toEqual([1, 2]);
  });
});

describe('a company admin', () => {
  it('lists, counts and exports their companies’ people only, whatever site the URL names', async () => {
    const { createCompany } = await import('../companies/store');
    const company = await createCompany(database, {
      name: 'Greenleaf',
      validFrom: '2026-01-01',
      siteIds: [1],
      doorIds: [],
    });
    await database.insertInto('company_members').values({ person_id: 2, company_id: company, added_at: 'x' }).execute();
    const admin: ScopedOperator = { role: 'company_admin', siteIds: [1], companyIds: [company] };
    expect(ids((await listPeopleInScope(admin, list(), 50)).items)).toEqual([2]);
    expect(await peopleCountsInScope(admin)).toMatchObject({ people: 1 });
    const other: ScopedOperator = { ...admin, companyIds: [company + 1] };
    expect((await listPeopleInScope(other, list(), 50)).total).toBe(0);
  });
});

describe('the doors the temporary-access form offers', () => {
  it('are the operator’s sites’ doors — a company admin’s envelope only — by name, with their site when several', async () => {
    expect(await temporaryDoorChoices(superAdmin)).toEqual([
      { id: 601, name: 'Gym · Indiranagar Loft' },
      { id: 501, name: 'Gym · Koramangala Hub' },
      { id: 502, name: 'Lobby · Koramangala Hub' },
    ]);
    expect(await temporaryDoorChoices(siteAdmin)).toEqual([
      { id: 501, name: 'Gym' },
      { id: 502, name: 'Lobby' },
    ]);
    expect(await temporaryDoorChoices(noSites)).toEqual([]);
    const { createCompany } = await import('../companies/store');
    const company = await createCompany(database, {
      name: 'Greenleaf',
      validFrom: '2026-01-01',
      siteIds: [1],
      doorIds: [502],
    });
    const admin: ScopedOperator = { role: 'company_admin', siteIds: [1], companyIds: [company] };
    expect(await temporaryDoorChoices(admin)).toEqual([{ id: 502, name: 'Lobby' }]);
    expect(await temporaryDoorChoices({ ...admin, companyIds: [] })).toEqual([]);
  });
});

describe('who already holds a door ("Add people" leaves them out)', () => {
  it('is the operator’s own people who hold it or are about to; a door outside their sites is not read at all', async () => {
    expect(await doorHolderIdsInScope(superAdmin, 501)).toEqual([1, 3, 2]);
    // Site 2's holder is not the site admin's to see; a pending removal is on its way out.
    expect(await doorHolderIdsInScope(siteAdmin, 501)).toEqual([1, 2]);
    doorUsers.mockClear();
    expect(await doorHolderIdsInScope(siteAdmin, 601)).toBeNull();
    expect(await doorHolderIdsInScope(noSites, 501)).toBeNull();
    expect(await doorHolderIdsInScope(superAdmin, 999)).toBeNull();
    expect(doorUsers).not.toHaveBeenCalled();
  });
});

describe('the audit log', () => {
  it('gives a site admin the records about their sites; a super admin every record', async () => {
    const actor = { id: 'op-1', email: 'a@demo.local', role: 'site_admin' };
    for (const siteId of [1, 2, null]) await audit.record(database, actor, 'people.update', { outcome: 'ok', siteId });
    const sites = async (operator: ScopedOperator) => {
      const seen = [];
      for await (const e of auditExportRows(operator, { page: 1 })) seen.push(e.siteId);
      return seen.sort();
    };
    expect(await sites(siteAdmin)).toEqual([1]);
    expect(await sites(noSites)).toEqual([]);
    expect(await sites(superAdmin)).toEqual([1, 2, null]);
    expect(auditScope(superAdmin, { page: 1 }).sites).toEqual({ all: true });
  });
});

describe('door activity', () => {
  it('filters a site admin to their sites, and a site outside them to nothing', () => {
    expect(activityFilter(siteAdmin, {}).sites).toEqual({ all: false, sites: [1] });
    expect(activityFilter(siteAdmin, { site: 2 }).sites).toEqual({ all: false, sites: [] });
    expect(activityFilter(superAdmin, { site: 2 }).sites).toEqual({ all: false, sites: [2] });
  });
});

describe('a company admin’s audit log and activity', () => {
  /** Greenleaf has person 2 (site 1); Bluebird has person 1 (site 1); person 3 (site 2) belongs to none. */
  async function twoCompanies() {
    const { createCompany } = await import('../companies/store');
    const company = (name: string) =>
      createCompany(database, { name, validFrom: '2026-01-01', siteIds: [1], doorIds: [] });
    const greenleaf = await company('Greenleaf');
    const bluebird = await company('Bluebird');
    await database
      .insertInto('company_members')
      .values([
        { person_id: 2, company_id: greenleaf, added_at: 'x' },
        { person_id: 1, company_id: bluebird, added_at: 'x' },
      ])
      .execute();
    const admin: ScopedOperator = { role: 'company_admin', siteIds: [1], companyIds: [greenleaf] };
    return { greenleaf, bluebird, admin };
  }

  it('reads the records about their companies and their people, not the rest of their site', async () => {
    const { greenleaf, bluebird, admin } = await twoCompanies();
    const actor = { id: 'op-1', email: 'a@demo.local', role: 'site_admin' };
    const person = (id: number, part?: 'created') => ({ type: 'person' as const, id, ...(part && { part }) });
    const record = (detail: string, targets: Parameters<typeof audit.record>[3]['targets']) =>
      audit.record(database, actor, 'people.update', { outcome: 'ok', siteId: 1, detail, targets });
    await record('their person', [person(2), { type: 'door', id: 501 }]);
    await record('their company', [{ type: 'company', id: greenleaf }]);
    await record('a person they add', [{ type: 'company', id: greenleaf }, person(77, 'created')]);
    await record('the other company’s person', [person(1)]);
    await record('the other company', [{ type: 'company', id: bluebird }]);
    await record('people of both companies', [person(2), person(1)]);
    await record('their person with someone of no company', [person(2), person(3)]);
    await record('about the site only', []);
    const seen = async (operator: ScopedOperator) => {
      const details = [];
      for await (const e of auditExportRows(operator, { page: 1 })) details.push(e.detail);
      return details.sort();
    };
    expect(await seen(admin)).toEqual(['a person they add', 'their company', 'their person']);
    expect(await seen({ ...admin, companyIds: [] })).toEqual([]);
    expect(await seen(siteAdmin)).toHaveLength(8);
  });

  it('reads the entries of their people only, at whatever door', async () => {
    const { admin } = await twoCompanies();
    const event = (id: number, personId: number | null) => ({
      event_id: id,
      occurred_at: 1_700_000_000 + id,
      site_id: 1,
      door_id: 501,
      person_id: personId,
      direction: 'entry',
      access_type: 'card',
      result: 'granted' as const,
      source: 'webhook' as const,
    });
    await storeEvents(database, [event(1, 1), event(2, 2), event(3, null), event(4, 2)]);
    const people = async (operator: ScopedOperator, query = {}) =>
      (await queryEvents(database, activityFilter(operator, query), 50)).events.map((e) => e.event_id);
    expect(await people(admin)).toEqual([4, 2]);
    expect(await people(admin, { door: 501 })).toEqual([4, 2]);
    expect(await people({ ...admin, companyIds: [] })).toEqual([]);
    expect(await people(siteAdmin)).toEqual([4, 3, 2, 1]);
  });

  it('counts entries today per company as events arrive: theirs for a company admin, every one for a site admin', async () => {
    const { admin } = await twoCompanies();
    const now = Date.parse('2026-12-05T06:30:00Z'); // noon in India: a minute ago is today whatever the zone setting
    const at = Math.floor(now / 1000) - 60;
    const event = (id: number, personId: number, direction: 'entry' | 'exit', occurredAt = at) => ({
      event_id: id,
      occurred_at: occurredAt,
      site_id: 1,
      door_id: 501,
      person_id: personId,
      direction,
      access_type: 'card',
      result: 'granted' as const,
      source: 'webhook' as const,
    });
    // Greenleaf (person 2): two entries and an exit today, one entry two days ago; Bluebird (person 1): one entry.
    await storeEvents(database, [event(1, 2, 'entry'), event(2, 2, 'exit'), event(3, 1, 'entry')]);
    await storeEvents(database, [event(4, 2, 'entry'), event(5, 2, 'entry', at - 2 * 86_400), event(3, 1, 'entry')]);
    const counts = async (operator: ScopedOperator) =>
      (await entriesTodayByCompany(operator, now)).map((c) => [c.name, c.entries, c.events]);
    expect(await counts(siteAdmin)).toEqual([
      ['Greenleaf', 2, 3],
      ['Bluebird', 1, 1],
    ]);
    expect(await counts(admin)).toEqual([['Greenleaf', 2, 3]]);
  });

  it('lists temporary access ending within a week for their people only', async () => {
    const { admin } = await twoCompanies();
    const now = Date.parse('2026-12-05T06:30:00Z');
    const ends = (days: number) => new Date(now + days * 86_400_000).toISOString();
    const asha = { id: 'op-1', name: 'Asha' };
    await addGrants(
      database,
      asha,
      [
        { personId: 1, doorId: 501, source: 'direct', endsAt: ends(2), started: true },
        { personId: 2, doorId: 501, source: 'direct', endsAt: ends(1), started: true },
        { personId: 3, doorId: 501, source: 'direct', endsAt: ends(3), started: true },
        { personId: 2, doorId: 501, source: 'direct', endsAt: ends(9), started: true },
      ],
      new Date(now),
    );
    const people = async (operator: ScopedOperator) =>
      (await accessEndingSoon(operator, now)).map((g) => [g.personId, g.doorName]);
    expect(await people(superAdmin)).toEqual([
      [2, 'Gym'],
      [1, 'Gym'],
      [3, 'Gym'],
    ]);
    expect(await people(siteAdmin)).toEqual([
      [2, 'Gym'],
      [1, 'Gym'],
    ]);
    expect(await people(admin)).toEqual([[2, 'Gym']]);
  });
});
