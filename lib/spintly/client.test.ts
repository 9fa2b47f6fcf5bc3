/** The Spintly client against the sandbox over real HTTP: tokens, retries, reconciliation, errors, limits, logs. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../../sandbox/tests/harness';
import { createSpintlyClient, type SpintlyClientConfig } from './client';
import { requestContext } from '../observability/log';
import {
  NOT_MADE_MESSAGE,
  SpintlyError,
  UNKNOWN_OUTCOME_MESSAGE,
  UNKNOWN_OUTCOME_SAFE_TO_RETRY_MESSAGE,
} from './errors';

const logs: string[] = [];
let h: Harness;
let clock = Date.now();
const now = () => clock;

beforeAll(async () => {
  h = await openHarness({ now, tokenTtlS: 120 });
});
afterAll(() => h.sandbox.close());
beforeEach(async () => {
  await h.control('POST', '/faults', { rules: [] });
  await h.control('DELETE', '/stats');
});

function client(extra: Partial<SpintlyClientConfig> = {}) {
  return createSpintlyClient({
    apiUrl: h.url,
    tokenUrl: `${h.url}/saamsIdm/oauth/token`,
    tokenStyle: 'saams',
    clientId: 'demo-client',
    clientSecret: 'demo-secret',
    orgId: 4242,
    timeoutMs: 2_000,
    maxConcurrency: 8,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    logSink: (line) => logs.push(line),
    now,
    ...extra,
  });
}

const stats = async () => (await h.control('GET', '/stats')).json;
const faults = (rules: object[], extra: object = {}) => h.control('POST', '/faults', { seed: 3, rules, ...extra });
const caught = async (promise: Promise<unknown>): Promise<SpintlyError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SpintlyError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
};
const requestsTo = (s: any, key: string) => s.requests[key]?.total ?? 0;
const CREATE = 'POST /userManagement/integrator/v1/organisations/{org}/users/create';
const SITES = 'POST /organisationManagement/v2/integrator/organisations/{org}/sites';

describe('tokens', () => {
  it('100 concurrent calls on a cold client cause exactly one token request', async () => {
    const spintly = client();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => spintly.listUsers({ page: (i % 5) + 1 })));
    expect(results.every((page) => page.items.length === 25)).toBe(true);
    expect((await stats()).tokensIssued).toBe(1);
    expect(spintly.tokenRequests).toBe(1);
  });

  it('the plain OAuth token style works too', async () => {
    const spintly = client({ tokenStyle: 'oauth', tokenUrl: `${h.url}/identityManagement/v2/oauth/token` });
    expect((await spintly.listRoles()).length).toBe(6);
    expect((await stats()).tokensIssued).toBe(1);
  });

  it('a token near its expiry is refreshed once, however many callers need it', async () => {
    const spintly = client();
    await spintly.listUsers();
    clock += 107_000; // 120 s lifetime, refreshed 12 s early
    await Promise.all(Array.from({ length: 20 }, () => spintly.listUsers()));
    expect((await stats()).tokensIssued).toBe(1);
    clock += 2_000;
    await Promise.all(Array.from({ length: 20 }, () => spintly.listUsers()));
    expect((await stats()).tokensIssued).toBe(2);
  });

  it('a 401 from an API call refreshes the token once and repeats the call once', async () => {
    const spintly = client();
    await spintly.listUsers();
    await h.control('POST', '/tokens/revoke');
    const pages = await Promise.all(Array.from({ length: 20 }, () => spintly.listUsers()));
    expect(pages).toHaveLength(20);
    const s = await stats();
    expect(s.tokensIssued).toBe(2);
    expect(s.requests['POST /userManagement/integrator/v1/organisations/{org}/users'].byStatus['401']).toBe(20);
  });

  it('wrong credentials fail with an unauthorized error that does not echo the secret', async () => {
    const error = await caught(client({ clientSecret: 'wrong-secret-123' }).listRoles());
    expect(error.kind).toBe('unauthorized');
    expect(error.endpoint).toBe('token');
    expect(error.message).toMatch(/client id and secret/);
    expect(error.message).not.toContain('wrong-secret-123');
  });
});

describe('retries', () => {
  it('with 30% of answers 503, reads all succeed', async () => {
    await faults([{ rate: 0.3, kind: 'status', status: 503 }]);
    const spintly = client();
    const pages = await Promise.all(
      Array.from({ length: 40 }, (_, i) => spintly.listUsers({ page: i + 1, perPage: 5 })),
    );
    expect(pages.every((page) => page.items.length === 5)).toBe(true);
    const byStatus = (await stats()).requests['POST /userManagement/integrator/v1/organisations/{org}/users'].byStatus;
    expect(byStatus['503']).toBeGreaterThan(0);
    expect(byStatus['200']).toBe(40);
  });

  it('honours Retry-After on 429', async () => {
    await faults([{ route: 'listRoles', rate: 1, kind: 'rate_limit', retryAfterS: 1 }]);
    const spintly = client();
    await spintly.listSites(); // token fetched, so only the rate-limited call is timed
    const started = performance.now();
    const pending = spintly.listRoles();
    setTimeout(() => void h.control('POST', '/faults', { rules: [] }), 300);
    expect(await pending).toHaveLength(6);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(2_500);
  });

  it('gives up on a rate limit longer than its time budget, with a rate_limited error', async () => {
    await faults([{ route: 'listRoles', rate: 1, kind: 'rate_limit', retryAfterS: 120 }]);
    const error = await caught(client().listRoles());
    expect(error.kind).toBe('rate_limited');
    expect(error.status).toBe(429);
  });

  it('a hang ends at the timeout with a timeout error', async () => {
    await faults([{ route: 'listRoles', rate: 1, kind: 'hang' }]);
    const spintly = client({ timeoutMs: 300, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 5 } });
    await spintly.listSites();
    const started = performance.now();
    const error = await caught(spintly.listRoles());
    expect(error.kind).toBe('timeout');
    expect(error.status).toBeNull();
    expect(performance.now() - started).toBeGreaterThanOrEqual(590);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('does not repeat a create on a plain error answer', async () => {
    await faults([{ route: 'createUser', rate: 1, kind: 'status', status: 500 }]);
    const error = await caught(client().createUser({ name: 'No Repeat', email: 'no.repeat@example.com' }));
    expect(error.kind).toBe('unavailable');
    // One create, then the lookup that found nothing, then exactly one more create, and a last look.
    expect(requestsTo(await stats(), CREATE)).toBe(2);
    // The portal looked after the last try too, so it may say that nothing was made.
    expect(error.outcomeUnknown).toBe(false);
    expect(error.message).toBe(NOT_MADE_MESSAGE);
  });

  it('a read that hangs gives up within its budget, retries included', async () => {
    await faults([{ route: 'listRoles', rate: 1, kind: 'hang' }]);
    const spintly = client({
      readTimeoutMs: 300,
      readBudgetMs: 800,
      retry: { baseDelayMs: 5, maxDelayMs: 5 },
      now: Date.now, // the budget is measured on the real clock
    });
    await spintly.listSites();
    const started = performance.now();
    const error = await caught(spintly.listRoles());
    const took = performance.now() - started;
    expect(error.kind).toBe('timeout');
    // Two full attempts and a third cut to what was left of the budget: not four attempts of 300 ms.
    expect(took).toBeGreaterThanOrEqual(750);
    expect(took).toBeLessThan(1_100);
    expect(requestsTo(await stats(), 'GET /userManagement/integrator/v1/organisations/{org}/formData')).toBe(3);
  });

  it('a read ends at the deadline of the request it serves, before its own budget', async () => {
    await faults([{ route: 'listRoles', rate: 1, kind: 'hang' }]);
    const deadline = Date.now() + 400;
    const spintly = client({ readTimeoutMs: 300, readBudgetMs: 5_000, readDeadline: () => deadline, now: Date.now });
    const started = performance.now();
    expect((await caught(spintly.listRoles())).kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(700);
    expect(performance.now() - started).toBeGreaterThanOrEqual(350);
  });

  it('an idempotent write that keeps failing ambiguously reports an unknown outcome, not "nothing lost"', async () => {
    await faults([{ route: 'updateUsers', rate: 1, kind: 'commit_then_fail' }]);
    const spintly = client();
    const error = await caught(spintly.deactivateUsers([1001]));
    expect(error.outcomeUnknown).toBe(true);
    expect(error.message).toBe(UNKNOWN_OUTCOME_SAFE_TO_RETRY_MESSAGE);
    expect(error.message).not.toMatch(/nothing was lost/i);
  });
});

describe('no duplicates after ambiguous failures', () => {
  it('commit then fail on create: exactly one person exists and the call returns them', async () => {
    await faults([{ route: 'createUser', rate: 1, kind: 'commit_then_fail' }]);
    const result = await client().createUser({ name: 'Commit Once', email: 'commit.once@example.com', homeSiteId: 1 });
    expect(result.reconciled).toBe(true);
    const state = (await h.control('GET', '/state')).json;
    const matches = state.users.filter((u: any) => u.email === 'commit.once@example.com');
    expect(matches).toHaveLength(1);
    expect(matches[0].id).toBe(result.userId);
    expect(requestsTo(await stats(), CREATE)).toBe(1);
  });

  it('commit then hang on create: the same, after the timeout', async () => {
    await faults([{ route: 'createUser', rate: 1, kind: 'commit_then_fail', then: 'hang' }]);
    const result = await client({ timeoutMs: 300 }).createUser({ name: 'Hang Once', phone: '+919988776655' });
    expect(result.reconciled).toBe(true);
    const state = (await h.control('GET', '/state')).json;
    expect(state.users.filter((u: any) => u.phone === '+919988776655')).toHaveLength(1);
  });

  it('a create that did not land is tried once more', async () => {
    await faults([{ route: 'createUser', rate: 0.5, kind: 'status', status: 503 }], { seed: 11 });
    const spintly = client();
    const results = [];
    for (let i = 0; i < 6; i++) {
      try {
        results.push(await spintly.createUser({ name: `Maybe ${i}`, email: `maybe.${i}@example.com` }));
      } catch (error) {
        expect((error as SpintlyError).kind).toBe('unavailable');
      }
    }
    const state = (await h.control('GET', '/state')).json;
    for (let i = 0; i < 6; i++)
      expect(state.users.filter((u: any) => u.email === `maybe.${i}@example.com`).length).toBeLessThanOrEqual(1);
    expect(results.length).toBeGreaterThan(0);
  });

  it('commit then fail on the retry: the second attempt is looked up too, and reported as landed', async () => {
    // First try: a plain 503 (nothing made), the look finds nobody; second try commits, then fails.
    await faults([
      { route: 'createUser', rate: 1, kind: 'status', status: 503, times: 1 },
      { route: 'createUser', rate: 1, kind: 'commit_then_fail', times: 1 },
    ]);
    const result = await client().createUser({ name: 'Second Lands', email: 'second.lands@example.com' });
    expect(result.reconciled).toBe(true);
    const state = (await h.control('GET', '/state')).json;
    const matches = state.users.filter((u: any) => u.email === 'second.lands@example.com');
    expect(matches.map((u: any) => u.id)).toEqual([result.userId]);
    expect(requestsTo(await stats(), CREATE)).toBe(2);
  });

  it('the same for a card: a commit on the retry is reported as issued', async () => {
    const spintly = client();
    const { userId } = await spintly.createUser({ name: 'Card Retry', email: 'card.retry@example.com' });
    await faults([
      { route: 'assignCard', rate: 1, kind: 'status', status: 503, times: 1 },
      { route: 'assignCard', rate: 1, kind: 'commit_then_fail', times: 1 },
    ]);
    expect(await spintly.assignCard(userId, 'CR000777')).toEqual({
      userId,
      credentialId: 'CR000777',
      reconciled: true,
    });
    expect(h.sandbox.world.user(userId).credentialId).toBe('CR000777');
  });

  it('when the look itself fails, the outcome is unknown and the operator is told to check', async () => {
    await faults([
      { route: 'createUser', rate: 1, kind: 'commit_then_fail' },
      { route: 'listUsers', rate: 1, kind: 'status', status: 503 },
    ]);
    const error = await caught(client().createUser({ name: 'Look Fails', email: 'look.fails@example.com' }));
    expect(error.outcomeUnknown).toBe(true);
    expect(error.message).toBe(UNKNOWN_OUTCOME_MESSAGE);
    expect(requestsTo(await stats(), CREATE)).toBe(1);
  });

  it('a create the portal cannot look up (no email, phone or code) is unknown, not retried', async () => {
    await faults([{ route: 'createUser', rate: 1, kind: 'commit_then_fail' }]);
    const error = await caught(client().createUser({ name: 'Nameless Only' }));
    expect(error.outcomeUnknown).toBe(true);
    expect(error.message).toMatch(/Search for them before adding them again/);
    expect(requestsTo(await stats(), CREATE)).toBe(1);
  });

  it('commit then fail on assign-card: the card is on the person and the call succeeds', async () => {
    const spintly = client();
    const { userId } = await spintly.createUser({ name: 'Card Commit', email: 'card.commit@example.com' });
    await faults([{ route: 'assignCard', rate: 1, kind: 'commit_then_fail' }]);
    const result = await spintly.assignCard(userId, 'CC000123');
    expect(result).toEqual({ userId, credentialId: 'CC000123', reconciled: true });
    expect(h.sandbox.world.user(userId).credentialId).toBe('CC000123');
  });

  it('a retried delete whose first attempt landed counts as done', async () => {
    const spintly = client();
    const { userId } = await spintly.createUser({ name: 'Delete Me Twice' });
    await faults([{ route: 'deleteUsers', rate: 1, kind: 'commit_then_fail' }]);
    await spintly.deleteUsers([userId]);
    await faults([]);
    expect(await spintly.getUser(userId)).toBeNull();
  });
});

describe('errors', () => {
  it('a 409 on create names the field and keeps Spintly’s words out of the message', async () => {
    const spintly = client();
    const someone = (await spintly.listUsers({ perPage: 1 })).items[0]!;
    const error = await caught(spintly.createUser({ name: 'Dup', email: someone.email }));
    expect(error).toMatchObject({ kind: 'conflict', status: 409, field: 'email', endpoint: 'createUser' });
    expect(error.message).toMatch(/email address is already used/);
    expect(error.message).not.toContain(someone.email!);
    const phone = await caught(spintly.createUser({ name: 'Dup', phone: someone.phone }));
    expect(phone.field).toBe('phone');
  });

  it('a card held by someone else names its holder id for the portal', async () => {
    const spintly = client();
    const holder = (await spintly.allUsers({ status: 'active' })).find((u) => u.credentialId)!;
    const { userId } = await spintly.createUser({ name: 'Card Wanter' });
    const error = await caught(spintly.assignCard(userId, holder.credentialId!));
    expect(error).toMatchObject({ kind: 'conflict', field: 'credentialId', holderId: holder.id });
  });

  it('maps 404 to not_found', async () => {
    const error = await caught(client().doorUsers(9));
    expect(error).toMatchObject({ kind: 'not_found', status: 404, endpoint: 'doorUsers' });
  });

  it('an answer missing a required field is a bad_response error, not a crash', async () => {
    const broken: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/sites')) return response;
      const body = await response.json();
      delete body.message.sites[0].name;
      return new Response(JSON.stringify(body), { status: 200, headers: response.headers });
    };
    const error = await caught(client({ http: broken }).listSites());
    expect(error).toMatchObject({ kind: 'bad_response', endpoint: 'listSites', status: 200 });
    expect(error.upstreamMessage).toMatch(/sites\.0\.name/);
  });

  it("a door read for its holders' ids keeps ids and pending changes only, and still refuses a malformed id", async () => {
    const door = 501;
    const full = await client().doorUsers(door);
    const ids = await client().doorHolderIds(door);
    expect(full.usersWithPermissions.length).toBeGreaterThan(0);
    expect(ids.usersWithPermissions.map((u) => u.id)).toEqual(full.usersWithPermissions.map((u) => u.id));
    expect(Object.keys(ids.usersWithPermissions[0]!)).toEqual(['id']);
    const broken: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/users/permissions')) return response;
      const body = await response.json();
      body.message.usersWithPermissions[0].id = 'not-an-id';
      return new Response(JSON.stringify(body), { status: 200, headers: response.headers });
    };
    const error = await caught(client({ http: broken }).doorHolderIds(door));
    expect(error).toMatchObject({ kind: 'bad_response', endpoint: 'doorUsers' });
    expect(error.upstreamMessage).toMatch(/usersWithPermissions\.0\.id/);
  });

  it('bad input is refused before anything is sent', async () => {
    const spintly = client();
    await spintly.listRoles();
    await h.control('DELETE', '/stats');
    const error = await caught(spintly.createUser({ name: '', email: 'x@example.com' }));
    expect(error.kind).toBe('invalid');
    expect(error.message).toMatch(/not sent.*name/);
    expect((await stats()).requests).toEqual({});
  });
});

describe('limits and caching', () => {
  it('keeps at most maxReadConcurrency reads and maxConcurrency writes in flight, each in its own lane', async () => {
    await faults([], { latencyMs: 30 });
    const spintly = client({ maxConcurrency: 3, maxReadConcurrency: 5 });
    const someone = (await spintly.listUsers({ perPage: 1 })).items[0]!.id;
    await Promise.all([
      ...Array.from({ length: 24 }, (_, i) => spintly.listUsers({ page: i + 1, perPage: 5 })),
      ...Array.from({ length: 12 }, () => spintly.activateUsers([someone])),
    ]);
    expect(spintly.peakConcurrency).toEqual({ read: 5, write: 3 });
  });

  it('serves sites, doors and roles from the cache until invalidated or expired; people are always fresh', async () => {
    const spintly = client({ cacheTtlMs: 60_000 });
    await Promise.all([spintly.listSites(), spintly.listSites(), spintly.allSites()]);
    await spintly.listSites();
    expect(requestsTo(await stats(), SITES)).toBe(2); // the first page once, and the all-pages walk once
    spintly.invalidate('sites');
    await spintly.listSites();
    expect(requestsTo(await stats(), SITES)).toBe(3);
    clock += 61_000;
    await spintly.listSites();
    expect(requestsTo(await stats(), SITES)).toBe(4);
    await spintly.listUsers();
    await spintly.listUsers();
    expect(requestsTo(await stats(), 'POST /userManagement/integrator/v1/organisations/{org}/users')).toBe(2);
  });

  it('walks every page of a list', async () => {
    const everyone = await client().allUsers();
    expect(everyone.length).toBe(h.sandbox.world.users.size);
    expect(new Set(everyone.map((u) => u.id)).size).toBe(everyone.length);
  });
});

describe('logs', () => {
  it('write one JSON line per upstream call with endpoint, status, duration and attempt', () => {
    const lines = logs.map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(100);
    for (const line of lines) {
      expect(line.message).toBe('spintly.call');
      expect(typeof line.endpoint).toBe('string');
      expect(typeof line.durationMs).toBe('number');
      expect(line.attempt).toBeGreaterThanOrEqual(1);
    }
    expect(lines.some((line) => line.status === 503 && line.outcome === 'retry')).toBe(true);
    // Outside a request (as here) there is no request time to report.
    expect(lines.every((line) => line.requestMs === undefined)).toBe(true);
  });

  it('say how far into the request each call began, when it serves one', async () => {
    const before = logs.length;
    await requestContext().run({ requestId: 'req-timeline', receivedAt: performance.now() - 40 }, () =>
      client().listSites(),
    );
    const line = logs
      .slice(before)
      .map((l) => JSON.parse(l))
      .find((l) => l.requestId === 'req-timeline');
    expect(line.requestMs).toBeGreaterThanOrEqual(40);
    expect(line.requestMs).toBeLessThan(5_000);
  });

  it('never contain the client secret or a token, across this whole file', () => {
    const all = logs.join('\n');
    expect(all).not.toContain('demo-secret');
    expect(all).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
  });
});

describe('integration shapes chosen by configuration', () => {
  const freeUser = async () => {
    const state = (await h.control('GET', '/state')).json as { users: { id: number; credentialId: string | null }[] };
    return state.users.filter((u) => !u.credentialId)[0]!.id;
  };

  it('sends cards in the assignCredential shape when SPINTLY_CARD_STYLE says so, and takes them back the same way', async () => {
    const spintly = client({ cardStyle: 'assignCredential' });
    const userId = await freeUser();
    await spintly.assignCard(userId, 'STYLE0042');
    await spintly.unassignCard(userId);
    const s = await stats();
    expect(requestsTo(s, 'POST /organisationManagement/v1/organisations/{org}/users/{userId}/assignCredential')).toBe(
      1,
    );
    expect(requestsTo(s, 'POST /organisationManagement/v1/organisations/{org}/users/{userId}/unassignCredential')).toBe(
      1,
    );
    expect(
      requestsTo(s, 'POST /organisationManagement/v2/integrator/organisations/{org}/users/{userId}/assignCard'),
    ).toBe(0);
  });

  it('a card style the organisation does not take: the message names SPINTLY_CARD_STYLE and the other value', async () => {
    const only = await openHarness({ cardStyles: ['assignCard'] });
    try {
      const spintly = client({
        apiUrl: only.url,
        tokenUrl: `${only.url}/saamsIdm/oauth/token`,
        cardStyle: 'assignCredential',
      });
      const state = (await only.control('GET', '/state')).json as {
        users: { id: number; credentialId: string | null }[];
      };
      const userId = state.users.find((u) => !u.credentialId)!.id;
      const wrong = await caught(spintly.assignCard(userId, 'STYLE0043'));
      expect(wrong.message).toContain('SPINTLY_CARD_STYLE=assignCredential');
      expect(wrong.message).toContain('SPINTLY_CARD_STYLE=assignCard and restart');
      // A person who is gone is still "no longer exists", whatever the style.
      const gone = await caught(spintly.assignCard(999_999, 'STYLE0044'));
      expect(gone.kind).toBe('not_found');
      expect(gone.message).not.toContain('SPINTLY_CARD_STYLE');
    } finally {
      await only.sandbox.close();
    }
  });

  it('without SPINTLY_ORG_ID, learns the organisation from Spintly once and calls it; says what it found', async () => {
    const spintly = client({ orgId: undefined });
    expect(await spintly.organisation()).toEqual({ configured: null, lookup: 4242, tokenSub: 4242 });
    expect((await spintly.listSites()).items.length).toBeGreaterThan(0);
    expect(await spintly.orgId()).toBe(4242);
    const wrong = client({ orgId: 4243 });
    expect(await wrong.organisation()).toEqual({ configured: 4243, lookup: 4242, tokenSub: 4242 });
  });

  it('reads every door of the organisation in one call, cached', async () => {
    const spintly = client();
    const doors = await spintly.allDoors();
    await spintly.allDoors();
    expect(doors.length).toBe(45);
    expect(
      requestsTo(await stats(), 'GET /accessManagementV3/integrator/v1/organisations/{org}/getAccessPointList'),
    ).toBe(1);
  });
});
