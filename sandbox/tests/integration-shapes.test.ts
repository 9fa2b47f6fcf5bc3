/**
 * The request shapes of other public callers (issue 21), with the literal paths and bodies of ../shared/spintly-api.md:
 * the second card shape, every door in one call, the users list's other filters, and the organisation lookup.
 */
import { describe, expect, it } from 'vitest';
import { PATHS, openHarness, page, sandboxPerFile } from './harness';

const harness = sandboxPerFile();

async function someone(filters: object = { userType: ['active'] }) {
  const answer = await harness().call('POST', PATHS.users, { ...page(1, 100), filters });
  return answer.json.message.users as {
    id: number;
    credentialId: string | null;
    email: string | null;
    createdAt: string;
  }[];
}

describe('card assignment, second shape: assignCredential {cardType, cardId}', () => {
  it('puts a card on a person and takes it back (unassignCredential, assumed), with the same rules as assignCard', async () => {
    const [person, other] = (await someone()).filter((u) => !u.credentialId);
    const assign = (userId: number, cardId: string) =>
      harness().call('POST', PATHS.assignCredential(userId), { cardType: 'spintly_card', cardId });
    const given = await assign(person!.id, 'CRED4242');
    expect(given.status, JSON.stringify(given.json)).toBe(200);
    expect(given.json.message).toEqual({ userId: person!.id, credentialId: 'CRED4242' });
    expect((await assign(other!.id, 'CRED4242')).status).toBe(409); // held by someone else
    expect((await assign(999_999, 'CRED9999')).status).toBe(404);
    const bad = await assign(other!.id, 'no!');
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/cardId/);
    expect((await harness().call('POST', PATHS.assignCredential(other!.id), { cardId: 'CRED1' })).status).toBe(400);
    expect((await harness().call('POST', PATHS.unassignCredential(person!.id), {})).status).toBe(200);
    expect((await someone()).find((u) => u.id === person!.id)!.credentialId).toBeNull();
  });

  it('a sandbox limited to one style answers 404 on the other style’s paths (SANDBOX_CARD_STYLES)', async () => {
    const only = await openHarness({ cardStyles: ['assignCard'] });
    try {
      const first = (await only.call('POST', PATHS.users, { ...page(1, 1), filters: { userType: ['active'] } })).json
        .message.users[0];
      const refused = await only.call('POST', PATHS.assignCredential(first.id), {
        cardType: 'spintly_card',
        cardId: 'CRED5555',
      });
      expect(refused.status).toBe(404);
      expect((await only.call('POST', PATHS.assignCard(first.id), { credentialId: 'CRED5555' })).status).toBe(200);
    } finally {
      await only.sandbox.close();
    }
  });
});

describe('row 17: every door of the organisation in one call', () => {
  it('lists each door with id, name and siteId, the same doors as the per-site lists', async () => {
    const answer = await harness().call('GET', PATHS.allDoors);
    expect(answer.status).toBe(200);
    const doors = answer.json.message.accessPoints as { id: number; name: string; siteId: number }[];
    expect(doors).toHaveLength(45);
    expect(Object.keys(doors[0]!).sort()).toEqual(['id', 'name', 'siteId']);
    const siteOne = (await harness().call('POST', PATHS.doors(1), { ...page(1, 100), filters: { search: null } })).json
      .message.accessPoints as { id: number }[];
    expect(doors.filter((d) => d.siteId === 1).map((d) => d.id)).toEqual(siteOne.map((d) => d.id));
  });
});

describe('users list: accessExpiresAt, createdOn and s.email filters', () => {
  it('filters by access expiring by a day, by the day created, and by email contains', async () => {
    const [person] = (await someone()).filter((u) => u.email);
    await harness().call('PATCH', PATHS.updateUsers, {
      users: [{ id: person!.id, accessData: { accessExpiresAt: '2026-01-15T10:00:00.000Z' } }],
    });
    const expiring = await someone({ accessExpiresAt: '2026-01-15' });
    expect(expiring.map((u) => u.id)).toContain(person!.id);
    expect((await someone({ accessExpiresAt: '2026-01-14' })).map((u) => u.id)).not.toContain(person!.id);
    const day = person!.createdAt.slice(0, 10);
    const created = await someone({ createdOn: day });
    expect(created.length).toBeGreaterThan(0);
    expect(created.every((u) => u.createdAt.startsWith(day))).toBe(true);
    const local = person!.email!.split('@')[0]!.toUpperCase();
    expect((await someone({ s: { email: local } })).map((u) => u.id)).toContain(person!.id);
    expect(await someone({ s: { email: 'nobody-has-this' } })).toEqual([]);
  });
});

describe('organisation lookup on the token host', () => {
  it('names the organisation a token belongs to; a bad token gets 401', async () => {
    const answer = await harness().call('GET', PATHS.organisation);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ type: 'success', message: { organisationId: 4242 } });
    const other = await harness().newToken('other-client', 'other-secret');
    expect(
      (await harness().call('GET', PATHS.organisation, undefined, `Bearer ${other}`)).json.message.organisationId,
    ).toBe(4243);
    expect((await harness().call('GET', PATHS.organisation, undefined, 'Bearer nope')).status).toBe(401);
  });
});
