import type { Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Database } from '../db';
import { describeDatabases } from '../db/test-databases';
import type { SpintlyUser } from '../spintly/contract';
import { countDirectory, queryDirectory, streamDirectory, syncStatus } from './query';
import { copyIsEmpty, reconcile, type DirectorySource } from './sync';
import { EVERY_SITE, NO_SITE, onlySites } from '../core/scope';

let db: Kysely<Database>;

function person(id: number, overrides: Partial<SpintlyUser> = {}): SpintlyUser {
  return {
    id,
    name: `Person ${id}`,
    email: `p${id}@example.com`,
    phone: `+9190000${String(id).padStart(5, '0')}`,
    employeeCode: `E${id}`,
    uniqueId: null,
    isSignedUp: false,
    createdAt: new Date(Date.UTC(2026, 0, 1) + id * 60_000).toISOString(),
    roles: [{ id: 1, name: 'Spintly user' }],
    cardAssigned: false,
    credentialId: null,
    accessExpiresAt: null,
    accessExpired: false,
    deactivatedOn: null,
    reportingTo: null,
    attributes: [],
    homeSiteId: 1,
    ...overrides,
  };
}

/** Spintly as a list the test edits; `failWalk` makes the next walk fail half way. */
function fakeSpintly(initial: SpintlyUser[]) {
  const state = { people: [...initial], failWalk: false, failLook: false };
  const source: DirectorySource = {
    // Pages of two, so a walk that fails does so half way, after writing its first page.
    walk: async (onPage) => {
      const pages = Math.max(1, Math.ceil(state.people.length / 2));
      for (let page = 0; page < pages; page++) {
        if (state.failWalk && page > 0) throw new Error('Spintly is not answering right now.');
        await onPage(state.people.slice(page * 2, page * 2 + 2), { read: page + 1, total: pages });
      }
    },
    usersById: async (ids) => {
      if (state.failLook) throw new Error('no answer');
      return state.people.filter((p) => ids.includes(p.id));
    },
  };
  return { state, source };
}

const ids = async () => (await db.selectFrom('people').select('id').orderBy('id').execute()).map((r) => Number(r.id));

describeDatabases('people directory', (database) => {
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(() => db.destroy());

  it('keeps each person’s attribute values (terms) and the values’ names; a change of company is a change', async () => {
    const orbitpay = { id: 1, name: 'Company', termId: 106, termName: 'Orbitpay' };
    const spintly = fakeSpintly([person(1, { attributes: [orbitpay] }), person(2)]);
    await reconcile(db, database.kind, spintly.source);
    const terms = async () =>
      (await db.selectFrom('people_terms').selectAll().orderBy('person_id').execute()).map((r) => [
        Number(r.person_id),
        Number(r.term_id),
      ]);
    expect(await terms()).toEqual([[1, 106]]);
    spintly.state.people[1] = person(2, { attributes: [{ ...orbitpay, termId: 107, termName: 'Greenleaf' }] });
    expect(await reconcile(db, database.kind, spintly.source)).toMatchObject({ changed: 1 });
    expect(await terms()).toEqual([
      [1, 106],
      [2, 107],
    ]);
    const names = await db.selectFrom('directory_terms').select(['term_id', 'term_name']).orderBy('term_id').execute();
    expect(names.map((n) => n.term_name)).toEqual(['Orbitpay', 'Greenleaf']);
  });

  it('a reconcile copies every person and records its run; a second one counts only what changed', async () => {
    const spintly = fakeSpintly([person(1), person(2), person(3)]);
    const first = await reconcile(db, database.kind, spintly.source);
    expect(first).toMatchObject({ outcome: 'ok', people: 3, added: 3, changed: 0, removed: 0 });
    spintly.state.people[1] = person(2, { name: 'Renamed Two', credentialId: 'C2002' });
    const second = await reconcile(db, database.kind, spintly.source);
    expect(second).toMatchObject({ outcome: 'ok', added: 0, changed: 1, removed: 0 });
    const found = await queryDirectory(
      db,
      database.kind,
      { sites: EVERY_SITE, search: 'c2002' },
      { page: 1, perPage: 5 },
    );
    expect(found.items.map((p) => p.name)).toEqual(['Renamed Two']);
    expect((await syncStatus(db)).lastOk?.id).toBe(second.id);
  });

  it('a walk that fails half way removes nobody and is recorded as failed', async () => {
    const spintly = fakeSpintly([person(1), person(2)]);
    await reconcile(db, database.kind, spintly.source);
    // Now Spintly has other people; the walk reads its first page (5 and 6) and then fails.
    spintly.state.people = [person(5), person(6), person(7)];
    spintly.state.failWalk = true;
    const failed = await reconcile(db, database.kind, spintly.source);
    expect(failed).toMatchObject({ outcome: 'failed', removed: 0, added: 2 });
    // 1 and 2 were not seen, but a walk that did not finish removes nobody; what it read is kept.
    expect(await ids()).toEqual([1, 2, 5, 6]);
    const status = await syncStatus(db);
    expect(status.last?.outcome).toBe('failed');
    expect(status.last?.error).toMatch(/not answering/);
  });

  it('removes a person confirmed gone by a targeted read, or missed by two complete walks in a row', async () => {
    const spintly = fakeSpintly([person(1), person(2), person(3)]);
    await reconcile(db, database.kind, spintly.source);
    // Deleted in Spintly (its own website, say): the targeted read confirms it at once.
    spintly.state.people = [person(1), person(3)];
    expect((await reconcile(db, database.kind, spintly.source)).removed).toBe(1);
    expect(await ids()).toEqual([1, 3]);
    // Skipped by a walk while it changed, with no targeted answer: kept once, removed after a second miss.
    spintly.state.people = [person(1)];
    spintly.state.failLook = true;
    expect((await reconcile(db, database.kind, spintly.source)).removed).toBe(0);
    expect(await ids()).toEqual([1, 3]);
    expect((await reconcile(db, database.kind, spintly.source)).removed).toBe(1);
    expect(await ids()).toEqual([1]);
    // Personal data goes with them: nothing found by their email any more.
    const search = await queryDirectory(
      db,
      database.kind,
      { sites: EVERY_SITE, search: 'p3@example' },
      { page: 1, perPage: 5 },
    );
    expect(search.total).toBe(0);
  });

  it('a person seen again after one miss is kept', async () => {
    const spintly = fakeSpintly([person(1), person(2)]);
    await reconcile(db, database.kind, spintly.source);
    spintly.state.people = [person(1)];
    spintly.state.failLook = true;
    await reconcile(db, database.kind, spintly.source);
    spintly.state.people = [person(1), person(2)];
    await reconcile(db, database.kind, spintly.source);
    spintly.state.people = [person(1)];
    expect((await reconcile(db, database.kind, spintly.source)).removed).toBe(0); // a first miss again
    expect(await ids()).toEqual([1, 2]);
  });

  it('filters by scope, status, role, card and expiry, searches, sorts both ways and counts exactly', async () => {
    const now = new Date('2026-11-30T10:00:00Z');
    const spintly = fakeSpintly([
      person(1, { name: 'Asha Rao', homeSiteId: 1, credentialId: 'AB1234' }),
      person(2, { name: 'ravi kumar', homeSiteId: 1, deactivatedOn: '2026-10-01T00:00:00.000Z' }),
      person(3, { name: 'Bina Das', homeSiteId: 2, roles: [{ id: 4, name: 'Manager' }] }),
      person(4, { name: 'Chetan Iyer', homeSiteId: 2, accessExpiresAt: '2026-11-01T00:00:00.000Z' }),
      person(5, { name: 'Devi Nair', homeSiteId: null }),
    ]);
    await reconcile(db, database.kind, spintly.source);
    const names = async (filter: Parameters<typeof queryDirectory>[2]) =>
      (await queryDirectory(db, database.kind, filter, { page: 1, perPage: 10 }, now)).items.map((p) => p.name);

    expect(await names({ sites: onlySites([1]) })).toEqual(['Asha Rao', 'ravi kumar']);
    expect(await names({ sites: NO_SITE })).toEqual([]);
    expect(await names({ sites: EVERY_SITE })).toHaveLength(5);
    expect(await names({ sites: EVERY_SITE, status: 'inactive' })).toEqual(['ravi kumar']);
    expect(await names({ sites: EVERY_SITE, role: 4 })).toEqual(['Bina Das']);
    expect(await names({ sites: EVERY_SITE, withoutRole: 4 })).toEqual([
      'Asha Rao',
      'Chetan Iyer',
      'Devi Nair',
      'ravi kumar',
    ]);
    expect(await names({ sites: EVERY_SITE, card: 'yes' })).toEqual(['Asha Rao']);
    expect(await names({ sites: EVERY_SITE, expired: 'yes' })).toEqual(['Chetan Iyer']);
    expect(await names({ sites: EVERY_SITE, search: 'kum' })).toEqual(['ravi kumar']);
    expect(await names({ sites: EVERY_SITE, search: 'ab12' })).toEqual(['Asha Rao']);
    expect(await names({ sites: EVERY_SITE, search: 'E3' })).toEqual(['Bina Das']);
    expect(await names({ sites: EVERY_SITE, sort: 'name', dir: 'desc' })).toEqual([
      'ravi kumar',
      'Devi Nair',
      'Chetan Iyer',
      'Bina Das',
      'Asha Rao',
    ]);
    expect(await names({ sites: EVERY_SITE, sort: 'created', dir: 'desc' })).toEqual([
      'Devi Nair',
      'Chetan Iyer',
      'Bina Das',
      'ravi kumar',
      'Asha Rao',
    ]);
    expect((await names({ sites: EVERY_SITE, sort: 'expiry' }))[0]).toBe('Chetan Iyer');
    const paged = await queryDirectory(db, database.kind, { sites: EVERY_SITE }, { page: 2, perPage: 2 }, now);
    expect([paged.total, paged.items.map((p) => p.id)]).toEqual([5, [4, 5]]); // Asha, Bina | Chetan, Devi | ravi

    const streamed = [];
    for await (const p of streamDirectory(db, database.kind, { sites: onlySites([2]) }, 1, now)) streamed.push(p.name);
    expect(streamed).toEqual(['Bina Das', 'Chetan Iyer']);
  });

  it('streams every row once in chunks, people with the same name included; counts what the home page shows', async () => {
    const now = new Date('2026-11-30T10:00:00Z');
    const spintly = fakeSpintly([
      ...[1, 2, 3, 4, 5].map((id) => person(id, { name: 'Same Name' })),
      person(6, { name: 'Another', credentialId: 'C6', accessExpiresAt: '2026-11-01T00:00:00.000Z' }),
      person(7, { name: 'Zed', deactivatedOn: '2026-10-01T00:00:00.000Z', credentialId: 'C7' }),
    ]);
    await reconcile(db, database.kind, spintly.source);
    const streamed: number[] = [];
    for await (const p of streamDirectory(db, database.kind, { sites: EVERY_SITE }, 2, now)) streamed.push(p.id);
    expect(streamed).toEqual([6, 1, 2, 3, 4, 5, 7]);
    expect(await countDirectory(db, database.kind, { sites: EVERY_SITE }, now)).toEqual({
      people: 7,
      active: 6,
      withCard: 2,
      expired: 1,
    });
    expect(await countDirectory(db, database.kind, { sites: onlySites([9]) }, now)).toMatchObject({
      people: 0,
      active: 0,
    });
    expect(await countDirectory(db, database.kind, { sites: NO_SITE }, now)).toMatchObject({ people: 0 });
  });

  it('counts exactly with a role left out, whatever else is filtered: the total is the rows the list finds', async () => {
    const now = new Date('2026-11-30T10:00:00Z');
    const visitor = { id: 9, name: 'Visitor' };
    const member = { id: 1, name: 'Spintly user' };
    const spintly = fakeSpintly([
      person(1, { homeSiteId: 1, roles: [member], credentialId: 'C1' }),
      person(2, { homeSiteId: 1, roles: [visitor] }),
      person(3, { homeSiteId: 1, roles: [member, visitor], credentialId: 'C3' }),
      person(4, { homeSiteId: 2, roles: [visitor], credentialId: 'C4' }),
      person(5, { homeSiteId: 2, roles: [member], deactivatedOn: '2026-10-01T00:00:00.000Z' }),
      person(6, { homeSiteId: 2, roles: [], accessExpiresAt: '2026-11-01T00:00:00.000Z' }),
      person(7, { homeSiteId: null, roles: [member, { id: 4, name: 'Manager' }] }),
    ]);
    await reconcile(db, database.kind, spintly.source);
    const filters: Parameters<typeof queryDirectory>[2][] = [
      { sites: EVERY_SITE },
      { sites: onlySites([1]) },
      { sites: onlySites([2]), card: 'yes' },
      { sites: EVERY_SITE, card: 'no' },
      { sites: EVERY_SITE, status: 'active' },
      { sites: EVERY_SITE, expired: 'yes' },
      { sites: EVERY_SITE, role: 1 },
      { sites: EVERY_SITE, role: 4 },
      { sites: EVERY_SITE, search: 'person' },
      { sites: NO_SITE },
    ];
    for (const filter of filters) {
      const found = await queryDirectory(
        db,
        database.kind,
        { ...filter, withoutRole: 9 },
        { page: 1, perPage: 50 },
        now,
      );
      const expected = found.items.filter((p) => ![2, 3, 4].includes(p.id));
      expect(found.items, JSON.stringify(filter)).toEqual(expected);
      expect(found.total, JSON.stringify(filter)).toBe(found.items.length);
    }
    expect(
      (await queryDirectory(db, database.kind, { sites: EVERY_SITE, withoutRole: 9 }, { page: 1, perPage: 2 })).total,
    ).toBe(4);
    expect(await countDirectory(db, database.kind, { sites: EVERY_SITE, withoutRole: 9 }, now)).toEqual({
      people: 4,
      active: 3,
      withCard: 1,
      expired: 1,
    });
    // A role nobody has leaves everyone in.
    expect(
      (await queryDirectory(db, database.kind, { sites: onlySites([2]), withoutRole: 77 }, { page: 1, perPage: 1 }))
        .total,
    ).toBe(3);
  });

  it('wants a run when the copy is empty: at once on a new database or after someone emptied it, else after a minute', async () => {
    const t0 = Date.parse('2026-11-30T10:00:00Z');
    expect(await copyIsEmpty(db, t0)).toBe(true); // never synced
    const spintly = fakeSpintly([person(1), person(2)]);
    await reconcile(db, database.kind, spintly.source, () => t0);
    expect(await copyIsEmpty(db, t0)).toBe(false);
    await db.deleteFrom('people_roles').execute();
    await db.deleteFrom('people').execute(); // emptied by hand
    expect(await copyIsEmpty(db, t0 + 1_000)).toBe(true);
    spintly.state.people = [];
    await reconcile(db, database.kind, spintly.source, () => t0 + 2_000); // Spintly really is empty
    expect(await copyIsEmpty(db, t0 + 3_000)).toBe(false);
    expect(await copyIsEmpty(db, t0 + 62_000)).toBe(true);
  });
});
