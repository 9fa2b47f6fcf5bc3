import { describe, expect, it } from 'vitest';
import type { DirectoryPerson } from '../directory';
import { matchIdentity, readCells, resolveNames, type RowCells } from './check';
import type { RawRow } from './columns';

const row = (values: Partial<RawRow['values']>): RawRow['values'] => ({
  name: '',
  email: '',
  phone: '',
  employeeCode: '',
  card: '',
  homeSite: '',
  roles: '',
  doors: '',
  accessExpires: '',
  company: '',
  ...values,
});

describe('readCells (the person form’s rules, applied to a row)', () => {
  it('normalises what the form normalises', () => {
    expect(
      readCells(
        row({
          name: ' Asha Rao ',
          email: ' ASHA@Example.com ',
          phone: '098450 12345',
          card: '0004 5123',
          accessExpires: '31/12/2026',
        }),
        'IN',
      ),
    ).toEqual({
      name: 'Asha Rao',
      email: 'asha@example.com',
      phone: '+919845012345',
      employeeCode: null,
      card: '00045123',
      accessExpiresOn: '2026-12-31',
    });
  });

  it('refuses what the form refuses, naming each cell at once', () => {
    const refused = readCells(row({ name: 'Asha\u0007Rao', email: 'not-an-email', accessExpires: 'soon' }), 'IN');
    expect(refused).toHaveProperty('error');
    const { error } = refused as { error: string };
    expect(error).toContain('The name “Asha\u0007Rao”');
    expect(error).toContain('“not-an-email” is not an email address.');
    expect(error).toContain('“soon” is not a date');
    expect(readCells(row({ name: '  ' }), 'IN')).toEqual({ error: 'Enter a name.' });
  });
});

const directoryPerson = (id: number, over: Partial<DirectoryPerson> = {}) =>
  ({ id, name: `Person ${id}`, home_site_id: 1, ...over }) as DirectoryPerson;

describe('matchIdentity', () => {
  const cells: RowCells = {
    name: 'Asha Rao',
    email: 'asha@example.com',
    phone: '+919845012345',
    employeeCode: 'E7',
    card: null,
    accessExpiresOn: null,
  };
  const none = { email: new Map(), phone: new Map(), employeeCode: new Map(), card: new Map() };
  const everywhere = () => true;

  it('finds the one person the row’s email, phone or code belong to; none is a new person', () => {
    const asha = directoryPerson(7);
    expect(matchIdentity(cells, { ...none, phone: new Map([['+919845012345', asha]]) }, everywhere)).toEqual({
      person: asha,
    });
    expect(matchIdentity(cells, none, everywhere)).toEqual({ person: null });
  });

  it('refuses two different people, a person outside the sites, and a card that is someone else’s', () => {
    const [a, b] = [directoryPerson(7), directoryPerson(8)];
    const split = { ...none, email: new Map([['asha@example.com', a]]), phone: new Map([['+919845012345', b]]) };
    expect(matchIdentity(cells, split, everywhere)).toEqual({
      error: 'The phone belongs to someone else (Person 8).',
    });
    expect(matchIdentity(cells, { ...none, email: new Map([['asha@example.com', a]]) }, () => false)).toEqual({
      error: 'This email, phone or employee code belongs to a person outside your sites.',
    });
    expect(matchIdentity({ ...cells, card: '1111' }, { ...none, card: new Map([['1111', b]]) }, everywhere)).toEqual({
      error: 'Card 1111 already belongs to Person 8.',
    });
  });
});

describe('resolveNames', () => {
  const lookups = {
    companies: new Map([['orbitpay', [{ id: 7, name: 'Orbitpay', status: 'active' }]]]),
    sites: new Map([['koramangala hub', [{ id: 1, name: 'Koramangala Hub' }]]]),
    roles: new Map([
      ['member', [{ id: 1, name: 'Member' }]],
      ['visitor', [{ id: 9, name: 'Visitor' }]],
    ]),
    doors: new Map([
      [
        'main entrance',
        [
          { id: 501, name: 'Main Entrance', siteId: 1 },
          { id: 601, name: 'Main Entrance', siteId: 2 },
        ],
      ],
    ]),
    inScope: new Set([1, 2]),
  };
  const ctx = { allSites: [{ id: 1, name: 'Koramangala Hub' }], defaultRole: 'Member', visitorRoleId: 9 };

  it('takes the home site’s door of a shared name, and the default role for a new person', () => {
    expect(resolveNames(row({ homeSite: 'koramangala HUB', doors: 'Main Entrance' }), null, lookups, ctx)).toEqual({
      homeSiteId: 1,
      roleIds: [1],
      doorIds: [501],
      companyId: null,
    });
    expect(resolveNames(row({ homeSite: '1', company: 'ORBITPAY' }), null, lookups, ctx)).toMatchObject({
      companyId: 7,
    });
  });

  it('refuses no home site, an unknown role and the visitor role', () => {
    expect(resolveNames(row({}), null, lookups, ctx)).toEqual({ error: 'Enter a home site.' });
    expect(resolveNames(row({ homeSite: '1', roles: 'Astronaut' }), null, lookups, ctx)).toEqual({
      error: 'Unknown Spintly role: Astronaut.',
    });
    expect(resolveNames(row({ homeSite: '1', roles: 'Visitor' }), null, lookups, ctx)).toHaveProperty('error');
    expect(resolveNames(row({ homeSite: '1', company: 'Nowhere Ltd' }), null, lookups, ctx)).toEqual({
      error: 'There is no company “Nowhere Ltd” at your sites.',
    });
  });
});
