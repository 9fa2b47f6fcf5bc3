/** Each fault kind, for all routes or one, set at run time through the control API or at start. */
import { afterEach, describe, expect, it } from 'vitest';
import { faultsFromEnv } from '../faults';
import { SAAMS_GRANT_TYPE } from '../../lib/spintly/contract';
import { startSandbox } from '../server';
import { PATHS, page, sandboxPerFile } from './harness';

const harness = sandboxPerFile();
afterEach(async () => {
  await harness().control('POST', '/faults', { rules: [] });
});

const sites = () => harness().call('POST', PATHS.sites, page());

describe('faults', () => {
  it('adds latency: fixed plus jitter', async () => {
    await harness().control('POST', '/faults', { latencyMs: 120, jitterMs: 30, rules: [] });
    const started = performance.now();
    expect((await sites()).status).toBe(200);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(115);
    expect(elapsed).toBeLessThan(1000);
  });

  it('a refusal takes the same round trip as an answer', async () => {
    await harness().control('POST', '/faults', { latencyMs: 120, rules: [] });
    const started = performance.now();
    expect((await harness().call('GET', PATHS.doorUsers(999_999))).status).toBe(404);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('works a request out halfway through the round trip: a change lands at L/2, its answer leaves at L', async () => {
    const { world } = harness().sandbox;
    const door = 501;
    const holders = world.granted.get(door) ?? new Set<number>();
    const userId = [...world.users.keys()].find((id) => !holders.has(id))!;
    const landed = () => [...world.pending.values()].some((c) => c.userId === userId && c.accessPointId === door);
    await harness().control('POST', '/faults', { latencyMs: 300, rules: [] });
    const started = performance.now();
    const answer = harness().call('PATCH', PATHS.doorUsers(door), { permissionsToAdd: [userId] });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(landed()).toBe(false); // in flight: not at "Spintly" yet
    await new Promise((resolve) => setTimeout(resolve, 180));
    expect(landed()).toBe(true); // worked out at ~150 ms, the answer still on its way back
    expect((await answer).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
  });

  it('answers error statuses at the configured rate, repeatably for a seed', async () => {
    const statuses = async () => {
      await harness().control('POST', '/faults', { seed: 7, rules: [{ rate: 0.5, kind: 'status', status: 502 }] });
      const seen: number[] = [];
      for (let i = 0; i < 20; i++) seen.push((await sites()).status);
      return seen;
    };
    const first = await statuses();
    expect(new Set(first)).toEqual(new Set([200, 502]));
    expect(await statuses()).toEqual(first);
    const failed = await sites().then(() => harness().control('GET', '/stats'));
    expect(
      failed.json.requests[`POST /organisationManagement/v2/integrator/organisations/{org}/sites`].byStatus['502'],
    ).toBeGreaterThan(0);
  });

  it('answers 429 with Retry-After', async () => {
    await harness().control('POST', '/faults', { rules: [{ rate: 1, kind: 'rate_limit', retryAfterS: 2 }] });
    const answer = await sites();
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('2');
    expect(answer.json.type).toBe('error');
  });

  it('hangs until the caller gives up', async () => {
    await harness().control('POST', '/faults', { rules: [{ rate: 1, kind: 'hang' }] });
    const started = performance.now();
    const outcome = await fetch(`${harness().url}${PATHS.sites}`, {
      method: 'POST',
      headers: { authorization: harness().token },
      body: JSON.stringify(page()),
      signal: AbortSignal.timeout(300),
    }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    expect(outcome).toBe('TimeoutError');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('applies a rule to one route only, by endpoint name or by "METHOD template"', async () => {
    const h = harness();
    await h.control('POST', '/faults', { rules: [{ route: 'listRoles', rate: 1, kind: 'status', status: 500 }] });
    expect((await h.call('GET', PATHS.roles)).status).toBe(500);
    expect((await sites()).status).toBe(200);
    await h.control('POST', '/faults', {
      rules: [
        { route: 'POST /organisationManagement/v2/integrator/organisations/{org}/sites', rate: 1, kind: 'status' },
      ],
    });
    expect((await sites()).status).toBe(503);
    expect((await h.call('GET', PATHS.roles)).status).toBe(200);
  });

  it('applies a rule to one concrete path only, e.g. one door', async () => {
    const h = harness();
    await h.control('POST', '/faults', {
      rules: [{ route: 'patchDoorUsers', path: PATHS.doorUsers(502), rate: 1, kind: 'status' }],
    });
    expect((await h.call('PATCH', PATHS.doorUsers(502), { permissionsToAdd: [] })).status).toBe(503);
    expect((await h.call('PATCH', PATHS.doorUsers(503), { permissionsToAdd: [] })).status).toBe(200);
  });

  it('a rule with `times` fires that often, then lets the next rule or the request through', async () => {
    const h = harness();
    await h.control('POST', '/faults', {
      rules: [
        { route: 'listRoles', rate: 1, kind: 'status', status: 500, times: 1 },
        { route: 'listRoles', rate: 1, kind: 'status', status: 504, times: 1 },
      ],
    });
    expect((await h.call('GET', PATHS.roles)).status).toBe(500);
    expect((await h.call('GET', PATHS.roles)).status).toBe(504);
    expect((await h.call('GET', PATHS.roles)).status).toBe(200);
  });

  it('commit then fail: the person is created although the caller sees a 502', async () => {
    const h = harness();
    await h.control('POST', '/faults', { rules: [{ route: 'createUser', rate: 1, kind: 'commit_then_fail' }] });
    const answer = await h.call('POST', PATHS.createUser, { name: 'Ghost Commit', email: 'ghost.commit@example.com' });
    expect(answer.status).toBe(502);
    await h.control('POST', '/faults', { rules: [] });
    const listed = await h.call('POST', PATHS.users, { ...page(), filters: { search: 'ghost.commit@example.com' } });
    expect(listed.json.message.users).toHaveLength(1);
  });

  it('commit then hang: the card is assigned although the caller never hears back', async () => {
    const h = harness();
    const id = (await h.call('POST', PATHS.createUser, { name: 'Hung Card' })).json.message.userIds[0];
    await h.control('POST', '/faults', {
      rules: [{ route: 'assignCard', rate: 1, kind: 'commit_then_fail', then: 'hang' }],
    });
    const outcome = await fetch(`${h.url}${PATHS.assignCard(id)}`, {
      method: 'POST',
      headers: { authorization: h.token },
      body: JSON.stringify({ credentialId: 'HANG0001' }),
      signal: AbortSignal.timeout(300),
    }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    expect(outcome).toBe('TimeoutError');
    expect(h.sandbox.world.user(id).credentialId).toBe('HANG0001');
  });

  it('refuses a malformed fault config with 400', async () => {
    const answer = await harness().control('POST', '/faults', { rules: [{ rate: 2, kind: 'status' }] });
    expect(answer.status).toBe(400);
    expect(answer.json.message).toMatch(/rules\.0\.rate/);
  });

  it('can be set at start from SANDBOX_FAULTS and applies to the token endpoints too', async () => {
    const sandbox = await startSandbox({
      port: 0,
      log: () => {},
      faults: faultsFromEnv('{"rules":[{"route":"token","rate":1,"kind":"status","status":503}]}', 0, undefined),
    });
    try {
      const answer = await fetch(`${sandbox.url}/saamsIdm/oauth/token`, {
        method: 'POST',
        body: JSON.stringify({ clientId: 'demo-client', clientSecret: 'demo-secret', grantType: SAAMS_GRANT_TYPE }),
      });
      expect(answer.status).toBe(503);
      expect(sandbox.stats.snapshot().tokensIssued).toBe(0);
    } finally {
      await sandbox.close();
    }
  });
});
