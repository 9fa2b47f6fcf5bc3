import type { Kysely } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { EVERY_SITE, onlySites } from '../core/scope';
import type { Database } from '../db/schema';
import { describeDatabases } from '../db/test-databases';
import { removePeople, upsertPeople } from '../directory/store';
import { queryDirectory } from '../directory/query';
import { spintlyUser } from '../spintly/fixtures';
import { seedDemoCompanies } from './demo';
import { companyWrite } from './write';
import { companiesExpireTask } from './offboard';
import { queryAudit } from '../audit/log';
import { auditSentence } from '../audit/sentence';
import {
  clashOf,
  createCompany,
  getCompany,
  listCompanies,
  reactivateCompany,
  updateCompany,
  type CompanyWrite,
} from './store';

let db: Kysely<Database>;

const person = (id: number, homeSiteId: number, termId: number | null) =>
  spintlyUser(id, { homeSiteId, ...(termId !== null && { company: { termId } }) });

const company = (over: Partial<CompanyWrite>): CompanyWrite => ({
  name: 'Orbitpay',
  validFrom: '2026-01-01',
  siteIds: [1],
  doorIds: [501, 502],
  ...over,
});

describeDatabases('companies', (database) => {
  beforeEach(async () => {
    db = await database.open();
    await upsertPeople(
      db,
      database.kind,
      [person(1, 1, 106), person(2, 1, 106), person(3, 1, null), person(4, 2, 107)],
      new Date().toISOString(),
    );
  });

  it('keeps each value’s holder count as people are written, change value and leave', async () => {
    const holders = async () =>
      Object.fromEntries(
        (await db.selectFrom('directory_terms').select(['term_id', 'holders']).orderBy('term_id').execute()).map(
          (r) => [Number(r.term_id), Number(r.holders)],
        ),
      );
    expect(await holders()).toEqual({ 106: 2, 107: 1 });
    await upsertPeople(db, database.kind, [person(2, 1, 107)], new Date().toISOString());
    expect(await holders()).toEqual({ 106: 1, 107: 2 });
    await removePeople(db, database.kind, [1, 4]);
    expect(await holders()).toEqual({ 106: 0, 107: 1 });
    const id = await createCompany(db, company({ termId: 107 }));
    expect((await listCompanies(db, { sites: EVERY_SITE })).find((c) => c.id === id)?.members).toBe(1);
  });

  it('lists a big company’s people the same whichever way the list asks (walking the names or its members)', async () => {
    // 1,200 holders of value 108 among 1,500 people: big enough for the list to walk the names.
    const many = Array.from({ length: 1500 }, (_, i) => person(10_000 + i, 1 + (i % 2), i < 1200 ? 108 : null));
    await upsertPeople(db, database.kind, many, new Date().toISOString());
    const id = await createCompany(db, company({ name: 'Bigco', termId: 108 }));
    const expected = many
      .filter((p) => p.attributes.length > 0)
      .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id - b.id);
    const page2 = await queryDirectory(
      db,
      database.kind,
      { sites: EVERY_SITE, company: id, status: 'all' },
      { page: 2, perPage: 25 },
    );
    expect(page2.total).toBe(1200);
    // The same page through the members-first plan (a search narrows it), by the same order.
    const viaMembers = await queryDirectory(
      db,
      database.kind,
      { sites: EVERY_SITE, company: id, status: 'all', search: 'e' },
      { page: 1, perPage: 2000 },
    );
    const walked: number[] = [];
    for (let page = 1; page <= 48; page++)
      walked.push(
        ...(
          await queryDirectory(
            db,
            database.kind,
            { sites: EVERY_SITE, company: id, status: 'all' },
            { page, perPage: 25 },
          )
        ).items.map((p) => p.id),
      );
    expect(walked).toHaveLength(1200);
    expect(new Set(walked)).toEqual(new Set(expected.map((p) => p.id)));
    expect(viaMembers.items.every((p) => walked.includes(p.id))).toBe(true);
    expect(page2.items.map((p) => p.id)).toEqual(walked.slice(25, 50));
  });

  it('keeps a company with its sites and envelope; a name or a Spintly value is one company’s', async () => {
    const id = await createCompany(db, company({ termId: 106, termName: 'Orbitpay', validUntil: '2027-03-31' }));
    expect(await getCompany(db, id)).toMatchObject({
      name: 'Orbitpay',
      status: 'active',
      termId: 106,
      validUntil: '2027-03-31',
      siteIds: [1],
      doorIds: [501, 502],
    });
    expect(await clashOf(db, { name: 'ORBITPAY' })).toBe('name');
    expect(await clashOf(db, { name: 'Other', termId: 106 })).toBe('term');
    expect(await clashOf(db, { name: 'Orbitpay', termId: 106 }, id)).toBeNull();
    await updateCompany(db, id, company({ doorIds: [501], siteIds: [1, 2] }));
    expect(await getCompany(db, id)).toMatchObject({ termId: null, siteIds: [1, 2], doorIds: [501] });
  });

  it('counts as members the holders of its Spintly value and those given to it here; lists ending soonest first', async () => {
    const linked = await createCompany(db, company({ termId: 106, validUntil: '2027-06-30' }));
    const local = await createCompany(db, company({ name: 'Greenleaf', validUntil: '2027-01-31' }));
    const open = await createCompany(db, company({ name: 'Atlas', siteIds: [2] }));
    await db.insertInto('company_members').values({ person_id: 3, company_id: local, added_at: 'now' }).execute();

    const all = await listCompanies(db, { sites: EVERY_SITE });
    expect(all.map((c) => [c.name, c.members])).toEqual([
      ['Greenleaf', 1],
      ['Orbitpay', 2],
      ['Atlas', 0],
    ]);
    expect((await listCompanies(db, { sites: onlySites([2]) })).map((c) => c.id)).toEqual([open]);
    expect((await listCompanies(db, { sites: EVERY_SITE, search: 'orbit' })).map((c) => c.id)).toEqual([linked]);

    const members = async (id: number) =>
      (await queryDirectory(db, database.kind, { sites: EVERY_SITE, company: id }, { page: 1, perPage: 10 })).items
        .map((p) => p.id)
        .sort();
    expect(await members(linked)).toEqual([1, 2]);
    expect(await members(local)).toEqual([3]);
    expect(await members(open)).toEqual([]);
  });

  it('seeds the demo: a company per Spintly value at its people’s site, and the company admin of the first at site 1', async () => {
    const doors = {
      allDoors: async () => [501, 502, 503, 601].map((id) => ({ id, siteId: Math.floor(id / 100) - 4 })),
    };
    const admin = await seedDemoCompanies(db, doors as never, 'Asia/Kolkata');
    expect(admin).toMatchObject({ email: 'companyadmin@demo.local', company: 'Term 106' });
    const companies = await listCompanies(db, { sites: EVERY_SITE });
    expect(companies.map((c) => [c.name, c.siteIds, c.members])).toEqual([
      ['Term 106', [1], 2],
      ['Term 107', [2], 1],
    ]);
    expect((await getCompany(db, companies[0]!.id))!.doorIds).toEqual([501, 502]);
    await seedDemoCompanies(db, doors as never, 'Asia/Kolkata');
    expect(await listCompanies(db, { sites: EVERY_SITE })).toHaveLength(2);
  });

  it('companies.expire offboards a company the day after its last day, as the portal, once; a later end keeps it', async () => {
    const ended = await createCompany(db, company({ termId: 106, validUntil: '2026-12-04' }));
    const kept = await createCompany(db, company({ name: 'Greenleaf', termId: 107, validUntil: '2026-12-05' }));
    const task = companiesExpireTask('Asia/Kolkata');
    // 5 December 2026, 10:00 in India: the 4th is over, the 5th is not.
    const ctx = { db, now: () => Date.parse('2026-12-05T04:30:00Z') };
    expect(await task.wanted!(ctx)).toBe(true);
    expect(await task.run(ctx)).toEqual({ started: 1 });
    expect(await getCompany(db, ended)).toMatchObject({ status: 'ended' });
    expect(await getCompany(db, kept)).toMatchObject({ status: 'active' });
    const [job] = await db.selectFrom('jobs').selectAll().execute();
    expect(job).toMatchObject({ kind: 'company.offboard', created_by: 'portal', total: 2 });
    const items = await db.selectFrom('job_items').select('person_id').where('job_id', '=', job!.id).execute();
    expect(items.map((i) => Number(i.person_id)).sort()).toEqual([1, 2]);
    const { entries } = await queryAudit(db, { action: 'companies.offboard' }, { page: 1, perPage: 5 });
    expect(entries.map(auditSentence)).toEqual(['The portal started offboarding the company Orbitpay (2 people)']);
    expect(await task.wanted!(ctx)).toBe(false);
    expect(await task.run(ctx)).toEqual({ started: 0 });

    // Reactivated (a renewed contract) with a later last day: active again, and no second offboarding is started.
    await updateCompany(db, ended, company({ termId: 106, validUntil: '2027-03-31' }));
    expect(await reactivateCompany(db, ended)).toBe(true);
    expect(await reactivateCompany(db, ended)).toBe(false);
    expect(await getCompany(db, ended)).toMatchObject({ status: 'active', endedAt: null });
    expect(await task.wanted!(ctx)).toBe(false);
    expect(await db.selectFrom('jobs').select('id').execute()).toHaveLength(1);
  });

  it('refuses before writing: a taken name, envelope doors at other sites, a Spintly value nobody holds', async () => {
    await createCompany(db, company({}));
    const doors = { allDoors: async () => [501, 601].map((id) => ({ id, siteId: id === 501 ? 1 : 2 })) };
    const input = { name: 'Greenleaf', validFrom: '2026-01-01', siteIds: [1], doorIds: [501] };
    await expect(companyWrite(db, doors as never, { ...input, name: 'orbitpay' })).rejects.toMatchObject({
      field: 'name',
    });
    await expect(companyWrite(db, doors as never, { ...input, doorIds: [601] })).rejects.toMatchObject({
      field: 'doorIds',
    });
    await expect(companyWrite(db, doors as never, { ...input, termId: 999 })).rejects.toMatchObject({
      field: 'termId',
    });
    expect(await companyWrite(db, doors as never, { ...input, termId: 106 })).toMatchObject({ termName: 'Term 106' });
  });
});
