/**
 * Each row of ../shared/spintly-api.md, sent with the literal path and body the document gives (not through the
 * contract module), so a drift between the contract and the document fails here. Then each endpoint's errors.
 */
import { describe, expect, it } from 'vitest';
import { PATHS, page, sandboxPerFile } from './harness';

const harness = sandboxPerFile();

const USER_FIELDS = [
  'id',
  'name',
  'email',
  'phone',
  'employeeCode',
  'uniqueId',
  'isSignedUp',
  'createdAt',
  'roles',
  'cardAssigned',
  'credentialId',
  'accessExpiresAt',
  'accessExpired',
  'deactivatedOn',
  'reportingTo',
  'attributes',
  'homeSiteId',
];
const EVENT_FIELDS = [
  'id',
  'accessorId',
  'accessedAt',
  'direction',
  'accessType',
  'mobileAccessMode',
  'createdAt',
  'user',
  'accessPoint',
  'granted',
];

function expectSuccess(answer: { status: number; json: any }) {
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  expect(answer.json.type).toBe('success');
  return answer.json.message;
}

function expectError(answer: { status: number; json: any }, status: number, text?: RegExp) {
  expect(answer.status, JSON.stringify(answer.json)).toBe(status);
  expect(answer.json.type).toBe('error');
  expect(typeof answer.json.message).toBe('string');
  if (text) expect(answer.json.message).toMatch(text);
}

const firstActiveUser = async () => {
  const message = expectSuccess(
    await harness().call('POST', PATHS.users, { ...page(1, 1), filters: { userType: ['active'] } }),
  );
  return message.users[0];
};

describe('row 2: sites', () => {
  it('lists sites with id, name, location, createdAt, updatedAt and pagination', async () => {
    const message = expectSuccess(await harness().call('POST', PATHS.sites, { pagination: { page: 1, perPage: 25 } }));
    expect(message.sites).toHaveLength(3);
    for (const site of message.sites)
      expect(Object.keys(site).sort()).toEqual(['createdAt', 'id', 'location', 'name', 'updatedAt']);
    expect(message.pagination).toEqual({ total: 3, perPage: 25, currentPage: 1 });
  });

  it('pages: the last page holds the remainder, a page past the end is empty but keeps the total', async () => {
    const last = expectSuccess(await harness().call('POST', PATHS.sites, page(2, 2)));
    expect(last.sites).toHaveLength(1);
    expect(last.pagination).toEqual({ total: 3, perPage: 2, currentPage: 2 });
    const past = expectSuccess(await harness().call('POST', PATHS.sites, page(5, 2)));
    expect(past.sites).toEqual([]);
    expect(past.pagination.total).toBe(3);
  });

  it('refuses a page 0 or a missing pagination with 400 naming the field', async () => {
    expectError(await harness().call('POST', PATHS.sites, page(0)), 400, /pagination\.page/);
    expectError(await harness().call('POST', PATHS.sites, {}), 400, /pagination/);
    expectError(await harness().call('POST', PATHS.sites, '{not json'), 400, /JSON/);
  });
});

describe('row 3: access points of a site', () => {
  it('lists doors with id, name, siteId, createdAt, updatedAt, paged', async () => {
    const message = expectSuccess(
      await harness().call('POST', PATHS.doors(1), { ...page(1, 10), filters: { search: null } }),
    );
    expect(message.accessPoints).toHaveLength(10);
    expect(message.pagination).toEqual({ total: 15, perPage: 10, currentPage: 1 });
    for (const door of message.accessPoints) {
      expect(Object.keys(door).sort()).toEqual(['createdAt', 'id', 'name', 'siteId', 'updatedAt']);
      expect(door.siteId).toBe(1);
    }
  });

  it('searches door names, case-insensitive', async () => {
    const message = expectSuccess(
      await harness().call('POST', PATHS.doors(2), { ...page(), filters: { search: 'ENTRANCE' } }),
    );
    expect(message.accessPoints.map((d: { name: string }) => d.name)).toEqual(['Main Entrance']);
    expect(message.pagination.total).toBe(1);
  });

  it('answers 404 for an unknown site', async () => {
    expectError(await harness().call('POST', PATHS.doors(999), page()), 404, /Site 999/);
  });
});

describe('row 4: organisation roles', () => {
  it("returns Spintly's five roles and the visitor role", async () => {
    const message = expectSuccess(await harness().call('GET', PATHS.roles));
    expect(message.roles.map((r: { name: string }) => r.name)).toEqual([
      'Spintly user',
      'Site admin',
      'Super admin',
      'Front desk',
      'Manager',
      'Visitor',
    ]);
  });
});

describe('row 5: list users', () => {
  it('returns users with every documented field, paged, with total', async () => {
    const message = expectSuccess(
      await harness().call('POST', PATHS.users, {
        ...page(1, 50),
        filters: { userType: ['active', 'inactive'], terms: [], sites: [] },
      }),
    );
    expect(message.users).toHaveLength(50);
    expect(message.pagination).toEqual({ total: 300, perPage: 50, currentPage: 1 });
    for (const field of USER_FIELDS) expect(message.users[0]).toHaveProperty(field);
  });

  it('filters by active/inactive, by home site and by search over name, email, phone and employee code', async () => {
    const h = harness();
    const total = async (filters: object) =>
      expectSuccess(await h.call('POST', PATHS.users, { ...page(1, 100), filters })).pagination.total;
    const active = await total({ userType: ['active'] });
    const inactive = await total({ userType: ['inactive'] });
    expect(active + inactive).toBe(300);
    expect(inactive).toBeGreaterThan(0);

    const site2 = expectSuccess(await h.call('POST', PATHS.users, { ...page(1, 100), filters: { sites: [2] } }));
    expect(site2.users.every((u: { homeSiteId: number }) => u.homeSiteId === 2)).toBe(true);

    const someone = (await firstActiveUser())!;
    for (const needle of [
      someone.name.split(' ')[1].toUpperCase(),
      someone.email,
      someone.phone.slice(-6),
      someone.employeeCode,
    ]) {
      const found = expectSuccess(await h.call('POST', PATHS.users, { ...page(1, 100), filters: { search: needle } }));
      expect(found.users.map((u: { id: number }) => u.id)).toContain(someone.id);
    }
  });

  it('refuses a perPage above the maximum and an unknown userType', async () => {
    expectError(await harness().call('POST', PATHS.users, page(1, 1000)), 400, /perPage/);
    expectError(
      await harness().call('POST', PATHS.users, { ...page(), filters: { userType: ['ghost'] } }),
      400,
      /userType/,
    );
  });
});

describe('rows 6–9: create, update, deactivate/activate, delete', () => {
  it('creates a person and answers their id; they show up in the list with their fields', async () => {
    const h = harness();
    const created = expectSuccess(
      await h.call('POST', PATHS.createUser, {
        name: 'Test Person',
        email: 'test.person@example.com',
        phone: '+919999900001',
        employeeCode: 'T-1',
        roles: [1],
        homeSiteId: 1,
        accessData: { mobile: true, card: true, accessExpiresAt: null, accessPoints: [] },
      }),
    );
    expect(created.userIds).toHaveLength(1);
    const id = created.userIds[0];
    const listed = expectSuccess(
      await h.call('POST', PATHS.users, { ...page(), filters: { search: 'test.person@example.com' } }),
    );
    expect(listed.users).toHaveLength(1);
    expect(listed.users[0]).toMatchObject({
      id,
      name: 'Test Person',
      phone: '+919999900001',
      homeSiteId: 1,
      cardAssigned: false,
      deactivatedOn: null,
    });
  });

  it('refuses a create without a name or with a bad email with 400 naming the field', async () => {
    expectError(await harness().call('POST', PATHS.createUser, { email: 'a@b.co' }), 400, /name/);
    expectError(await harness().call('POST', PATHS.createUser, { name: 'X', email: 'not-an-email' }), 400, /email/);
    expectError(await harness().call('POST', PATHS.createUser, { name: 'X', homeSiteId: 77 }), 400, /homeSiteId/);
  });

  it('answers 409 when the email, phone or card is already another person’s', async () => {
    const h = harness();
    const someone = (await firstActiveUser())!;
    expectError(
      await h.call('POST', PATHS.createUser, { name: 'Dup', email: someone.email.toUpperCase() }),
      409,
      /Email/,
    );
    expectError(await h.call('POST', PATHS.createUser, { name: 'Dup', phone: someone.phone }), 409, /Phone/);
    const withCard = expectSuccess(await h.call('POST', PATHS.users, { ...page(1, 100) })).users.find(
      (u: { credentialId: string | null }) => u.credentialId,
    );
    expectError(
      await h.call('POST', PATHS.createUser, { name: 'Dup', credentialId: withCard.credentialId }),
      409,
      /Card/,
    );
  });

  it('updates any subset of fields, deactivates and activates', async () => {
    const h = harness();
    const someone = (await firstActiveUser())!;
    const search = { ...page(), filters: { search: someone.employeeCode } };
    expectSuccess(await h.call('PATCH', PATHS.updateUsers, { users: [{ id: someone.id, name: 'Renamed Person' }] }));
    expect(expectSuccess(await h.call('POST', PATHS.users, search)).users[0].name).toBe('Renamed Person');

    expectSuccess(await h.call('PATCH', PATHS.updateUsers, { users: [{ id: someone.id, deactivateUser: true }] }));
    const deactivated = expectSuccess(await h.call('POST', PATHS.users, search)).users[0];
    expect(deactivated.deactivatedOn).not.toBeNull();

    expectSuccess(await h.call('PATCH', PATHS.updateUsers, { users: [{ id: someone.id, deactivateUser: false }] }));
    expect(expectSuccess(await h.call('POST', PATHS.users, search)).users[0].deactivatedOn).toBeNull();
  });

  it('applies a bulk update all or nothing: one unknown id changes nobody', async () => {
    const h = harness();
    const someone = (await firstActiveUser())!;
    expectError(
      await h.call('PATCH', PATHS.updateUsers, {
        users: [
          { id: someone.id, name: 'Half Done' },
          { id: 999999, name: 'x' },
        ],
      }),
      404,
      /999999/,
    );
    const after = expectSuccess(
      await h.call('POST', PATHS.users, { ...page(), filters: { search: someone.employeeCode } }),
    ).users[0];
    expect(after.name).not.toBe('Half Done');
  });

  it('deletes people, and answers 404 for an unknown id without deleting anyone', async () => {
    const h = harness();
    const id = expectSuccess(await h.call('POST', PATHS.createUser, { name: 'To Delete' })).userIds[0];
    expectError(await h.call('POST', PATHS.deleteUsers, { userIds: [id, 999999] }), 404);
    expect(h.sandbox.world.users.has(id)).toBe(true);
    expectSuccess(await h.call('POST', PATHS.deleteUsers, { userIds: [id] }));
    expect(h.sandbox.world.users.has(id)).toBe(false);
    expectError(await h.call('POST', PATHS.deleteUsers, { userIds: [id] }), 404);
  });
});

describe('rows 10–13: permissions', () => {
  it("a user's permissions come in three disjoint lists of {id, name, siteId}", async () => {
    const h = harness();
    const someone = (await firstActiveUser())!;
    const message = expectSuccess(await h.call('POST', PATHS.userPermissions(someone.id), { sites: [] }));
    const all = [...message.permissionAssigned, ...message.permissionNotAssigned, ...message.pendingPermissions];
    expect(all).toHaveLength(45);
    expect(new Set(all.map((d: { id: number }) => d.id)).size).toBe(45);
    expect(message.permissionAssigned.length).toBeGreaterThanOrEqual(2);
    for (const door of message.permissionAssigned) expect(Object.keys(door).sort()).toEqual(['id', 'name', 'siteId']);
    const oneSite = expectSuccess(await h.call('POST', PATHS.userPermissions(someone.id), { sites: [2] }));
    expect(
      [...oneSite.permissionAssigned, ...oneSite.permissionNotAssigned, ...oneSite.pendingPermissions].every(
        (d: { siteId: number }) => d.siteId === 2,
      ),
    ).toBe(true);
  });

  it('answers 404 for an unknown user or door', async () => {
    expectError(await harness().call('POST', PATHS.userPermissions(999999), { sites: [] }), 404);
    expectError(await harness().call('GET', PATHS.doorUsers(9), undefined), 404);
    expectError(await harness().call('PATCH', PATHS.doorUsers(9), { permissionsToAdd: [] }), 404);
  });

  it('door side: lists who has the door, adds and removes as pending changes', async () => {
    const h = harness();
    const doorId = 503; // third door of site 1, online
    const before = expectSuccess(await h.call('GET', PATHS.doorUsers(doorId)));
    expect(Array.isArray(before.usersWithPermissions)).toBe(true);
    expect(Array.isArray(before.usersWithPendingPermissions)).toBe(true);
    const holder = before.usersWithPermissions[0];
    const outsider = (await firstActiveUser())!;
    const outsiderHasIt = before.usersWithPermissions.some((u: { id: number }) => u.id === outsider.id);
    const addId = outsiderHasIt
      ? (await h.call('POST', PATHS.createUser, { name: 'Door Newcomer' })).json.message.userIds[0]
      : outsider.id;

    expectSuccess(
      await h.call('PATCH', PATHS.doorUsers(doorId), {
        permissionsToAdd: [addId],
        permissionsToRemove: [holder.id],
        pendingPermissionsToRemove: [],
      }),
    );
    const after = expectSuccess(await h.call('GET', PATHS.doorUsers(doorId)));
    const pending = Object.fromEntries(
      after.usersWithPendingPermissions.map((u: { id: number; pendingAction: string }) => [u.id, u.pendingAction]),
    );
    expect(pending[addId]).toBe('grant');
    expect(pending[holder.id]).toBe('revoke');
  });

  it('refuses a door-side change naming an unknown person, or the same person in add and remove', async () => {
    const h = harness();
    expectError(await h.call('PATCH', PATHS.doorUsers(501), { permissionsToAdd: [999999] }), 404, /999999/);
    const someone = (await firstActiveUser())!;
    expectError(
      await h.call('PATCH', PATHS.doorUsers(501), {
        permissionsToAdd: [someone.id],
        permissionsToRemove: [someone.id],
      }),
      400,
    );
  });

  it("user side: changes a person's doors", async () => {
    const h = harness();
    const id = expectSuccess(await h.call('POST', PATHS.createUser, { name: 'Door Collector', homeSiteId: 1 }))
      .userIds[0];
    expectSuccess(await h.call('PATCH', PATHS.userPermissions(id), { permissionsToAdd: [501, 502] }));
    const message = expectSuccess(await h.call('POST', PATHS.userPermissions(id), { sites: [1] }));
    expect(message.pendingPermissions.map((d: { id: number }) => d.id).sort()).toEqual([501, 502]);
    expect(message.pendingPermissions[0]).toMatchObject({ pendingAction: 'grant' });
    expectError(await h.call('PATCH', PATHS.userPermissions(id), { permissionsToAdd: [1] }), 404, /Access points/);
  });
});

describe('rows 14–15: cards', () => {
  it('assigns a card, refuses a card held by another person with 409, unassigns', async () => {
    const h = harness();
    const a = expectSuccess(await h.call('POST', PATHS.createUser, { name: 'Card A' })).userIds[0];
    const b = expectSuccess(await h.call('POST', PATHS.createUser, { name: 'Card B' })).userIds[0];
    expect(expectSuccess(await h.call('POST', PATHS.assignCard(a), { credentialId: '7700112233' }))).toEqual({
      userId: a,
      credentialId: '7700112233',
    });
    // The same card on the same person again converges.
    expectSuccess(await h.call('POST', PATHS.assignCard(a), { credentialId: '7700112233' }));
    expectError(await h.call('POST', PATHS.assignCard(b), { credentialId: '7700112233' }), 409, /already assigned/);
    expectError(await h.call('POST', PATHS.assignCard(a), { credentialId: '7700112299' }), 409, /unassign it first/);
    expectError(await h.call('POST', PATHS.assignCard(a), { credentialId: 'ab' }), 400, /credentialId/);
    expectError(await h.call('POST', PATHS.assignCard(999999), { credentialId: '7700110000' }), 404);

    expectSuccess(await h.call('POST', PATHS.unassignCard(a)));
    const listed = expectSuccess(await h.call('POST', PATHS.users, { ...page(), filters: { search: 'Card A' } }))
      .users[0];
    expect(listed).toMatchObject({ cardAssigned: false, credentialId: null });
    // Taking back a card that is already gone is a no-op, so a retried unassign converges.
    expectSuccess(await h.call('POST', PATHS.unassignCard(a)));
    expectSuccess(await h.call('POST', PATHS.assignCard(b), { credentialId: '7700112233' }));
  });
});

describe('row 16: access history', () => {
  const range = { start: '2000-01-01 00:00:00 +05:30', end: '2100-01-01 00:00:00 +05:30' };

  it('returns events with every documented field, newest first, paged', async () => {
    const message = expectSuccess(await harness().call('POST', PATHS.history, { ...page(1, 20), filters: range }));
    expect(message.accessHistory).toHaveLength(20);
    expect(message.pagination.total).toBeGreaterThan(300);
    for (const field of EVENT_FIELDS) expect(message.accessHistory[0]).toHaveProperty(field);
    const times = message.accessHistory.map((e: { accessedAt: number }) => e.accessedAt);
    expect([...times].sort((x, y) => y - x)).toEqual(times);
  });

  it('filters by time range, door, person and direction', async () => {
    const h = harness();
    const all = expectSuccess(await h.call('POST', PATHS.history, { ...page(1, 1), filters: range }));
    const event = all.accessHistory[0];
    const narrow = expectSuccess(
      await h.call('POST', PATHS.history, {
        ...page(1, 100),
        filters: {
          ...range,
          accessPoints: [event.accessPoint.id],
          users: [event.accessorId],
          direction: event.direction,
        },
      }),
    );
    expect(narrow.accessHistory.length).toBeGreaterThan(0);
    expect(
      narrow.accessHistory.every(
        (e: any) =>
          e.accessorId === event.accessorId &&
          e.accessPoint.id === event.accessPoint.id &&
          e.direction === event.direction,
      ),
    ).toBe(true);
    const empty = expectSuccess(
      await h.call('POST', PATHS.history, {
        ...page(),
        filters: { start: '2001-01-01 00:00:00 +05:30', end: '2001-01-02 00:00:00 +05:30' },
      }),
    );
    expect(empty).toMatchObject({ accessHistory: [], pagination: { total: 0 } });
  });

  it('refuses a malformed time with 400 naming the field', async () => {
    expectError(
      await harness().call('POST', PATHS.history, { ...page(), filters: { start: '2026-01-01', end: range.end } }),
      400,
      /filters\.start/,
    );
  });
});

describe('unknown routes', () => {
  it('answer 404 in the error envelope', async () => {
    expectError(await harness().call('GET', '/organisationManagement/v2/nothing'), 404);
  });
});

describe('custom attributes: the "Company" terms on people, the users list and history', () => {
  it('seeds most people with a company; terms set on create and update, filter the list, and show as attributes', async () => {
    const h = harness();
    const everyone = expectSuccess(await h.call('POST', PATHS.users, page(1, 100)));
    const withCompany = everyone.users.filter((u: { attributes: unknown[] }) => u.attributes.length > 0);
    expect(withCompany.length).toBeGreaterThan(80);
    expect(withCompany[0].attributes[0]).toMatchObject({ id: 1, name: 'Company', termId: expect.any(Number) });

    const created = expectSuccess(
      await h.call('POST', PATHS.createUser, { name: 'Term Person', email: 'term.person@example.com', terms: [105] }),
    );
    const id = created.userIds[0];
    const inCompany = async (termId: number) =>
      expectSuccess(
        await h.call('POST', PATHS.users, { ...page(1, 100), filters: { terms: [termId], search: 'term.person' } }),
      ).users.map((u: { id: number }) => u.id);
    expect(await inCompany(105)).toEqual([id]);
    expectSuccess(await h.call('PATCH', PATHS.updateUsers, { users: [{ id, terms: [106] }] }));
    expect(await inCompany(105)).toEqual([]);
    const [moved] = expectSuccess(
      await h.call('POST', PATHS.users, { ...page(1, 1), filters: { terms: [106], search: 'term.person' } }),
    ).users;
    expect(moved.attributes).toEqual([{ id: 1, name: 'Company', termId: 106, termName: 'Orbitpay' }]);
    expectError(await h.call('PATCH', PATHS.updateUsers, { users: [{ id, terms: [999] }] }), 400, /term 999/);
  });

  it('filters access history by terms', async () => {
    const h = harness();
    const body = (terms?: number[]) => ({
      ...page(1, 50),
      filters: { start: '2000-01-01 00:00:00 +05:30', end: '2100-01-01 00:00:00 +05:30', ...(terms && { terms }) },
    });
    const all = expectSuccess(await h.call('POST', PATHS.history, body()));
    const some = expectSuccess(await h.call('POST', PATHS.history, body([101])));
    expect(some.pagination.total).toBeLessThan(all.pagination.total);
    expect(some.pagination.total).toBeGreaterThan(0);
  });
});
