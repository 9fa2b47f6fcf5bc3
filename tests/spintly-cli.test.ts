/** `npm run spintly -- check` as an integrator runs it, against a sandbox answering 30% of calls with 503. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../sandbox/tests/harness';

const run = promisify(execFile);
let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.sandbox.close());

const cli = (args: string[], env: Record<string, string | undefined> = { SPINTLY_ORG_ID: '4242' }) =>
  run('node_modules/.bin/tsx', ['--conditions=react-server', 'scripts/spintly.ts', ...args], {
    env: {
      ...process.env,
      SPINTLY_API_URL: h.url,
      SPINTLY_CLIENT_ID: 'demo-client',
      SPINTLY_CLIENT_SECRET: 'demo-secret',
      ...env,
    },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );

describe('spintly CLI', () => {
  it('check succeeds with 30% of answers 503, and reports counts', async () => {
    await h.control('POST', '/faults', { seed: 5, rules: [{ rate: 0.3, kind: 'status', status: 503 }] });
    await h.control('DELETE', '/stats');
    const { code, stdout } = await cli(['check', '--verbose']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      ok: true,
      sites: 3,
      doors: 45,
      roles: 6,
      people: 300,
      organisation: 4242,
      tokenRequests: 1,
    });
    const stats = (await h.control('GET', '/stats')).json;
    const failures = Object.values(stats.requests as Record<string, { byStatus: Record<string, number> }>).reduce(
      (sum, route) => sum + (route.byStatus['503'] ?? 0),
      0,
    );
    expect(failures).toBeGreaterThan(0);
    await h.control('POST', '/faults', { rules: [] });
  });

  it('check rides out 503s from the token endpoint too (its first request)', async () => {
    await h.control('POST', '/faults', {
      rules: [
        { route: 'token', rate: 1, kind: 'status', status: 503, times: 2 },
        { rate: 0.3, kind: 'status', status: 503 },
      ],
    });
    await h.control('DELETE', '/stats');
    const { code, stdout } = await cli(['check']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, sites: 3 });
    const stats = (await h.control('GET', '/stats')).json;
    const token = stats.requests['POST /saamsIdm/oauth/token'];
    expect(token.byStatus['503']).toBe(2);
    await h.control('POST', '/faults', { rules: [] });
  });

  it('prints a typed error and exits 1 when Spintly refuses, without echoing the secret', async () => {
    const { code, stdout, stderr } = await cli(['permissions', '999999', '--verbose']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, error: { kind: 'not_found', status: 404 } });
    expect(stdout + stderr).not.toContain('demo-secret');
    expect(stderr).not.toMatch(/eyJ[\w-]+\./);
  });

  it('check says plainly when SPINTLY_ORG_ID is not the credentials’ organisation, and learns it when unset', async () => {
    const wrong = await cli(['check'], { SPINTLY_ORG_ID: '4243' });
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('SPINTLY_ORG_ID is 4243, but these credentials belong to organisation 4242'),
    });
    const unset = await cli(['check'], { SPINTLY_ORG_ID: undefined });
    expect(unset.code).toBe(0);
    expect(JSON.parse(unset.stdout)).toMatchObject({ ok: true, organisation: 4242, organisationFrom: 'Spintly' });
  });

  it('exits 2 with usage on a bad command or argument', async () => {
    expect((await cli(['doors', 'abc'])).code).toBe(2);
    expect((await cli(['launch'])).code).toBe(2);
  });
});
