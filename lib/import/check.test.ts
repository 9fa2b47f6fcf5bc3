import type { Kysely } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../db/schema';
import { describeDatabases } from '../db/test-databases';
import { upsertPeople } from '../directory/store';
import type { SpintlyUser } from '../spintly/contract';
import { checkImport, type CheckContext } from './check';
import { readRows } from './columns';
import { parseCsv } from '../core/csv';

let db: Kysely<Database>;

function person(id: number, overrides: Partial<SpintlyUser> = {}): SpintlyUser {
  return {
    id,
    name: `Person ${id}`,
    email: `p${id}@example.com`,
    phone: `+91981234${String(id).padStart(4, '0')}`,
    employeeCode: `E${id}`,
    uniqueId: null,
    isSignedUp: false,
    createdAt: '2026-01-01T00:00:00.000Z',
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

const ctx: CheckContext = {
  sitesInScope: [{ id: 1, name: 'Koramangala Hub' }],
  allSites: [
    { id: 1, name: 'Koramangala Hub' },
    { id: 2, name: 'Indiranagar Loft' },
  ],
  roles: [
    { id: 1, name: 'Spintly user' },
    { id: 2, name: 'Manager' },
    { id: 6, name: 'Visitor' },
  ],
  visitorRoleId: 6,
  doors: [
    { id: 501, name: 'Main Entrance', siteId: 1 },
    { id: 502, name: 'Gym', siteId: 1 },
  ],
  holdersOf: async () => new Map([[501, new Set([1])]]),
  personInScope: (p) => p.home_site_id === 1,
  defaultRole: 'Spintly user',
  country: 'IN',
  timeZone: 'Asia/Kolkata',
};

const check = (csv: string) => {
  const read = readRows(parseCsv(csv));
  if ('message' in read) throw new Error(read.message);
  return checkImport(db, read.rows, ctx);
};

describeDatabases('import dry run', (database) => {
  beforeEach(async () => {
    db = await database.open();
    await upsertPeople(
      db,
      database.kind,
      [
        person(1, { credentialId: '1111111111' }),
        person(2),
        person(3, { homeSiteId: 2, email: 'elsewhere@example.com' }),
      ],
      '2026-11-30T00:00:00.000Z',
    );
  });

  it('judges each row: create, update, unchanged or error with the reason', async () => {
    const rows = await check(
      [
        'Name,Email,Phone,Employee code,Home site,Roles,Card number,Doors',
        'New Person,new@example.com,98123 40099,,Koramangala Hub,,,Gym', // 2 create (default role)
        'Person 1,p1@example.com,,,,,,Main Entrance', // 3 unchanged
        'Person 2 Renamed,p2@example.com,,,,,,', // 4 update: name
        'Outsider,elsewhere@example.com,,,,,,', // 5 someone outside the sites
        'Twin,new@example.com,,,Koramangala Hub,,,', // 6 same email as line 2
        'Far,far@example.com,,,Indiranagar Loft,,,', // 7 site outside scope
        'Nobody,,,,Koramangala Hub,,,', // 8 no email or phone
        'Bad Phone,x@example.com,12345,,Koramangala Hub,,,', // 9
        'Card Taker,card@example.com,,,Koramangala Hub,,1111111111,', // 10 card held by Person 1
        'Role Less,role@example.com,,,Koramangala Hub,Astronaut,,', // 11
        'Door Less,door@example.com,,,Koramangala Hub,,,Roof', // 12
        'Mixed,,+919812340002,E1,,,,', // 13 phone is Person 2's, employee code Person 1's
      ].join('\n'),
    );
    const verdicts = rows.map((r) => [r.line, r.verdict]);
    expect(verdicts).toEqual([
      [2, 'create'],
      [3, 'unchanged'],
      [4, 'update'],
      [5, 'error'],
      [6, 'error'],
      [7, 'error'],
      [8, 'error'],
      [9, 'error'],
      [10, 'error'],
      [11, 'error'],
      [12, 'error'],
      [13, 'error'],
    ]);
    const reason = (line: number) => rows.find((r) => r.line === line)!.reason;
    expect(rows[0]!.plan).toMatchObject({
      phone: '+919812340099',
      roleIds: [1],
      homeSiteId: 1,
      doorIds: [502],
      personId: null,
    });
    expect(reason(4)).toBe('Changes name.');
    expect(reason(5)).toMatch(/outside your sites/);
    expect(reason(6)).toBe('Same email as line 2; the first row wins.');
    expect(reason(7)).toBe('Indiranagar Loft is outside your sites.');
    expect(reason(8)).toBe('Enter an email or a phone number.');
    expect(reason(9)).toMatch(/not a phone number/);
    expect(reason(10)).toBe('Card 1111111111 already belongs to Person 1.');
    expect(reason(11)).toBe('Unknown Spintly role: Astronaut.');
    expect(reason(12)).toBe('There is no door “Roof” at your sites.');
    expect(reason(13)).toMatch(/employee code belongs to someone else \(Person 1\)/);
  });

  it('an import does not make visitors: a row with the visitor role is refused', async () => {
    const [row] = await check('Name,Email,Home site,Roles\nVera Visitor,vera@example.com,Koramangala Hub,Visitor\n');
    expect(row).toMatchObject({ verdict: 'error', reason: expect.stringContaining('Visitors page') });
  });

  it('a Company column names a company by name: joining it is a change, an unknown one is the row’s error', async () => {
    const { createCompany } = await import('../companies/store');
    const orbitpay = await createCompany(db, { name: 'Orbitpay', validFrom: '2026-01-01', siteIds: [1], doorIds: [] });
    const withCompanies = { ...ctx, companies: [{ id: orbitpay, name: 'Orbitpay', status: 'active' }] };
    const read = readRows(
      parseCsv('Name,Email,Company\nPerson 1,p1@example.com,orbitpay\nPerson 2,p2@example.com,Nowhere\n'),
    );
    if ('message' in read) throw new Error(read.message);
    const [joins, unknown] = await checkImport(db, read.rows, withCompanies);
    expect(joins).toMatchObject({ verdict: 'update', reason: 'Changes company.', plan: { companyId: orbitpay } });
    expect(unknown).toMatchObject({ verdict: 'error', reason: 'There is no company “Nowhere” at your sites.' });
  });

  it('a door the person does not hold yet makes an update', async () => {
    const [row] = await check('Name,Email,Doors\nPerson 1,p1@example.com,Gym\n');
    expect(row).toMatchObject({ verdict: 'update', reason: 'Changes doors.' });
  });

  it('recognises by phone a person whose phone was stored as typed in the form (national digits), not as E.164', async () => {
    // The person form kept "98123 40077" as 9812340077 until phones were spelled as E.164 everywhere (lib/core/phone).
    await upsertPeople(
      db,
      database.kind,
      [person(77, { email: null, phone: '9812340077' })],
      '2026-11-30T00:00:00.000Z',
    );
    const [row] = await check('Name,Phone,Home site\nPerson 77 Renamed,+91 98123 40077,Koramangala Hub\n');
    expect(row).toMatchObject({ verdict: 'update', reason: 'Changes name.', plan: { personId: 77 } });
  });
});
