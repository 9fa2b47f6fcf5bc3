import type { Kysely } from 'kysely';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createCompany } from '../companies/store';
import { openDatabase, type Database } from '../db';
import { upsertPeople } from '../directory/store';
import type { SpintlyClient } from '../spintly/client';
import { spintlyUser } from '../spintly/fixtures';
import { operatorScope, personInScope, type ScopedOperator } from './permissions';

/**
 * A company admin's reach, as every action's scope check applies it: the people of their companies (by Spintly value
 * or by the portal's own list), the doors of their envelopes, their companies — never another company's people or
 * doors at the same site, nor an operator. One site, two companies side by side.
 */
let database: Kysely<Database>;
vi.mock('../db', async (original) => ({ ...(await original<object>()), db: async () => database }));
const { checkScope } = await import('./scope');

const user = (id: number, termId: number | null) =>
  spintlyUser(id, termId === null ? {} : { company: { termId, termName: 'Orbitpay' } });
const PEOPLE = [user(1, 106), user(2, null), user(3, null)];
const spintly = {
  allSites: async () => [{ id: 1, name: 'Koramangala Hub' }],
  allDoors: async () => [101, 102].map((id) => ({ id, name: `Door ${id}`, siteId: 1 })),
  allAccessPoints: async () => [101, 102].map((id) => ({ id, name: `Door ${id}`, siteId: 1 })),
  listUsers: async ({ userIds }: { userIds: number[] }) => ({
    items: PEOPLE.filter((p) => userIds.includes(p.id)),
    pagination: { total: 0, page: 1, perPage: 100 },
  }),
} as unknown as SpintlyClient;

let orbitpay: number;
let greenleaf: number;
let admin: ScopedOperator;

beforeEach(async () => {
  database = await openDatabase('file::memory:');
  await upsertPeople(database, 'sqlite', PEOPLE, new Date().toISOString());
  orbitpay = await createCompany(database, {
    name: 'Orbitpay',
    validFrom: '2026-01-01',
    siteIds: [1],
    doorIds: [101],
    termId: 106,
  });
  greenleaf = await createCompany(database, {
    name: 'Greenleaf',
    validFrom: '2026-01-01',
    siteIds: [1],
    doorIds: [102],
  });
  await database.insertInto('company_members').values({ person_id: 2, company_id: greenleaf, added_at: 'x' }).execute();
  admin = { role: 'company_admin', siteIds: [1], companyIds: [orbitpay] };
});

const allowed = async (operator: ScopedOperator, target: Parameters<typeof checkScope>[1][number]) =>
  (await checkScope(operator, [target], spintly)).ok;

describe('a company admin’s scope', () => {
  it('reaches their company’s people only — not another company’s or nobody’s at the same site', async () => {
    expect(await allowed(admin, { type: 'person', id: 1 })).toBe(true);
    expect(await allowed(admin, { type: 'person', id: 2 })).toBe(false);
    expect(await allowed(admin, { type: 'person', id: 3 })).toBe(false);
    expect(await allowed(admin, { type: 'person', id: 999 })).toBe(false);
    const portalOnly = { ...admin, companyIds: [greenleaf] };
    expect(await allowed(portalOnly, { type: 'person', id: 2 })).toBe(true);
  });

  it('reaches the doors of their envelope only, their companies only, and never an operator', async () => {
    expect(await allowed(admin, { type: 'door', id: 101 })).toBe(true);
    expect(await allowed(admin, { type: 'door', id: 102, siteId: 1 })).toBe(false);
    expect(await allowed(admin, { type: 'company', id: orbitpay })).toBe(true);
    expect(await allowed(admin, { type: 'company', id: greenleaf })).toBe(false);
    expect(await allowed(admin, { type: 'operator', id: 'op-1' })).toBe(false);
    expect(await allowed(admin, { type: 'site', id: 1 })).toBe(true);
    // One target out of scope refuses the whole request.
    expect(
      (
        await checkScope(
          admin,
          [
            { type: 'person', id: 1 },
            { type: 'door', id: 102 },
          ],
          spintly,
        )
      ).ok,
    ).toBe(false);
  });

  it('reaches the visits their people host, and no other visit at the same site', async () => {
    const { insertVisit } = await import('../visitors/store');
    const visit = (hostId: number) =>
      insertVisit(database, {
        requestKey: `visit-${hostId}`,
        visitorId: 900 + hostId,
        visitorName: `Visitor of ${hostId}`,
        visitorPhone: '+919800000000',
        visitorEmail: null,
        hostId,
        hostName: `Host ${hostId}`,
        siteId: 1,
        startsAt: '2026-12-05T04:00:00.000Z',
        endsAt: '2026-12-05T08:00:00.000Z',
        doorIds: [101],
        createdBy: 'op-1',
      });
    const theirs = await visit(1);
    const greenleafs = await visit(2);
    expect(await allowed(admin, { type: 'visit', id: theirs.id })).toBe(true);
    expect(await allowed(admin, { type: 'visit', id: greenleafs.id })).toBe(false);
    expect(await allowed(admin, { type: 'visit', id: '00000000-0000-4000-8000-000000000000' })).toBe(false);
    // Site admins: every visit at their sites, and nothing elsewhere.
    expect(await allowed({ role: 'site_admin', siteIds: [1] }, { type: 'visit', id: greenleafs.id })).toBe(true);
    expect(await allowed({ role: 'site_admin', siteIds: [2] }, { type: 'visit', id: greenleafs.id })).toBe(false);
  });

  it('leaves site admins as they were: every person and door of their sites', async () => {
    const siteAdmin: ScopedOperator = { role: 'site_admin', siteIds: [1] };
    expect(await allowed(siteAdmin, { type: 'person', id: 2 })).toBe(true);
    expect(await allowed(siteAdmin, { type: 'door', id: 102 })).toBe(true);
    expect(operatorScope(siteAdmin).companies).toEqual({ all: true });
  });

  it('a person is in a company admin’s scope by membership, never by site alone', () => {
    expect(personInScope(admin, { homeSiteId: 1 })).toBe(false);
    expect(personInScope(admin, { homeSiteId: 1, companyId: orbitpay })).toBe(true);
    expect(personInScope(admin, { homeSiteId: 2, companyId: orbitpay })).toBe(true);
    expect(personInScope(admin, { homeSiteId: 1, companyId: greenleaf })).toBe(false);
  });
});
