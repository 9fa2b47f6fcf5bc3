/** The control API: reset, state, stats, and the webhook a tap pushes. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS, openHarness, page, sandboxPerFile, type Harness } from './harness';

const harness = sandboxPerFile();

describe('control API', () => {
  it('GET /__sandbox/state lists sites, doors, people with homeSiteId, cards, permissions, pending and readers', async () => {
    const state = (await harness().control('GET', '/state')).json;
    for (const key of ['sites', 'accessPoints', 'users', 'cards', 'permissions', 'pending', 'readers'])
      expect(Array.isArray(state[key])).toBe(true);
    expect(state.users[0]).toHaveProperty('id');
    expect(state.users[0]).toHaveProperty('homeSiteId');
    expect(state.readers).toHaveLength(45);
  });

  it('GET /__sandbox/stats counts requests by method and path template and by status', async () => {
    const h = harness();
    await h.control('DELETE', '/stats');
    await h.call('POST', PATHS.doors(1), page());
    await h.call('POST', PATHS.doors(99), page());
    const stats = (await h.control('GET', '/stats')).json;
    expect(stats).toEqual({
      tokensIssued: 0,
      requests: {
        'POST /organisationManagement/v1/integrator/organisations/{org}/sites/{siteId}/accessPoints/list': {
          total: 2,
          byStatus: { '200': 1, '404': 1 },
        },
      },
    });
  });

  it('POST /__sandbox/reset rebuilds the world with a new size and clears faults', async () => {
    const h = harness();
    await h.call('POST', PATHS.createUser, { name: 'Before Reset' });
    await h.control('POST', '/faults', { rules: [{ rate: 1, kind: 'status' }] });
    const reset = await h.control('POST', '/reset', { seed: 5, users: 50, doorsPerSite: 4 });
    expect(reset.json).toEqual({ ok: true, users: 50, accessPoints: 12 });
    const users = await h.call('POST', PATHS.users, page(1, 100));
    expect(users.status).toBe(200);
    expect(users.json.message.pagination.total).toBe(50);
    expect((await h.control('POST', '/reset', { users: -1 })).status).toBe(400);
    await h.control('POST', '/reset', {});
  });

  it('answers 404 for an unknown control route or reader', async () => {
    expect((await harness().control('GET', '/nothing')).status).toBe(404);
    expect((await harness().control('POST', '/readers/9', { online: true })).status).toBe(404);
  });
});

describe('webhook', () => {
  const received: { headers: IncomingHttpHeaders; body: any }[] = [];
  const receiver = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(text) });
      res.writeHead(204).end();
    });
  });
  let h: Harness;
  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    h = await openHarness({ webhookUrl: `http://127.0.0.1:${port}/hook`, webhookKey: 'hook-key-1' });
  });
  afterAll(async () => {
    await h.sandbox.close();
    receiver.close();
  });

  it("a tap POSTs Spintly's access_event payload with the x-api-key", async () => {
    const tap = await h.control('POST', '/access', { userId: 1001, accessPointId: 501, accessType: 'mobile' });
    expect(tap.json.webhook).toBe(204);
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    expect(headers['x-api-key']).toBe('hook-key-1');
    expect(body.messageVersion).toBe(1);
    expect(body.messageData).toMatchObject({ msgType: 'access_event', dataVersion: 1 });
    expect(body.messageData.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.messageData.data).toMatchObject({
      orgId: 4242,
      orgUserId: 1001,
      accessPointId: 501,
      siteId: 1,
      accessType: 'mobile',
      eventId: tap.json.event.id,
    });
    for (const key of [
      'eventTimeEpoch',
      'timezonedEventTime',
      'direction',
      'accessPointName',
      'siteName',
      'siteLocation',
      'accessorId',
      'mobileAccessMode',
      'employeeCode',
      'name',
      'email',
      'phone',
    ])
      expect(body.messageData.data).toHaveProperty(key);
  });
});
