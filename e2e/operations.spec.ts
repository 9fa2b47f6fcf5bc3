/**
 * Operations (issue 32) on the running portal: the probes, the request id every answer carries, and a Prometheus
 * scrape that counts the Spintly calls a page makes.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO, sandbox, signInAndWait } from './helpers';
import { E2E } from './ports';

const scrape = async (request: APIRequestContext, token: string = E2E.metricsToken) =>
  request.get(`${E2E.portalUrl}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });

/** The sum of a counter's series whose labels include `labels` (e.g. `endpoint="userPermissions"`). */
const counter = (text: string, name: string, labels: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes(labels))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);

test('the probes answer, and every answer carries a request id', async ({ request }) => {
  const live = await request.get(`${E2E.portalUrl}/api/livez`);
  expect(live.status()).toBe(200);
  expect(live.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  const ready = await request.get(`${E2E.portalUrl}/api/readyz`);
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({
    ok: true,
    checks: { database: true, schemaCurrent: true, spintlyToken: true },
  });
  // A request id given by the proxy in front is kept, so its log lines and the proxy's match.
  const traced = await request.get(`${E2E.portalUrl}/api/livez`, { headers: { 'x-request-id': 'lb-trace-0001' } });
  expect(traced.headers()['x-request-id']).toBe('lb-trace-0001');
});

test('/api/metrics wants its token, and counts the Spintly calls a page makes', async ({ page, request }) => {
  expect((await request.get(`${E2E.portalUrl}/api/metrics`)).status()).toBe(401);
  expect((await scrape(request, 'not-the-metrics-token-000')).status()).toBe(401);

  const before = await scrape(request);
  expect(before.status()).toBe(200);
  expect(before.headers()['content-type']).toContain('text/plain');
  const beforeText = await before.text();
  const series = 'portal_spintly_requests_total';
  const calls = (text: string) => counter(text, series, 'endpoint="userPermissions"');

  // A person's page reads their doors from Spintly (uncached: what the reader holds matters).
  const person = (await sandbox.users(request)).find((u) => u.homeSiteId === 1)!;
  await sandbox.clearStats(request);
  await signInAndWait(page, DEMO.admin);
  await page.goto(`/users/${person.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const upstream = (await sandbox.stats(request)).requests;
  expect(Object.keys(upstream).some((key) => key.includes('/permissions'))).toBe(true);

  const afterText = await (await scrape(request)).text();
  expect(calls(afterText)).toBeGreaterThan(calls(beforeText));
  expect(
    counter(afterText, 'portal_spintly_request_duration_seconds_count', 'endpoint="userPermissions"'),
  ).toBeGreaterThan(0);
  // The other figures an operator alerts on are there, and no series names a person.
  for (const name of [
    'portal_pending_permissions',
    'portal_job_queue_depth',
    'portal_directory_age_seconds',
    'portal_webhook_events_received_total',
    'portal_background_task_runs_total',
    'portal_http_request_duration_seconds',
  ])
    expect(afterText).toContain(`# TYPE ${name} `);
  expect(afterText).not.toContain(person.name);
});
