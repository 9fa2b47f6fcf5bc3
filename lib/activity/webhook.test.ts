import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../db';

let database: Kysely<Database>;
vi.mock('../db', async (original) => ({ ...(await original<object>()), db: async () => database }));
process.env.SPINTLY_WEBHOOK_KEY = 'new-key, old-key';

const { receiveWebhook, keyAccepted } = await import('./webhook');
const { fromHistory, storeEvents } = await import('./store');
const { startWebhookReceiver } = await import('./receiver');

function event(data: Record<string, unknown> = {}) {
  return {
    messageVersion: 1,
    messageData: {
      requestId: 'b3c1a0de-0000-4000-8000-000000000001',
      msgType: 'access_event',
      dataVersion: 1,
      data: {
        orgId: 4242,
        orgUserId: 1001,
        eventTimeEpoch: 1_764_500_000,
        timezonedEventTime: '2025-11-30T10:53:20+05:30',
        direction: 'entry',
        accessType: 'card',
        eventId: 9001,
        accessPointId: 501,
        accessPointName: 'Main Entrance',
        siteId: 1,
        siteName: 'Koramangala Hub',
        accessorId: 1001,
        name: 'Asha Rao',
        email: 'asha@example.com',
        ...data,
      },
    },
  };
}

const post = (body: unknown, key: string | null = 'new-key', raw?: string) =>
  receiveWebhook(
    new Request('http://portal.test/api/webhooks/spintly', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key !== null && { 'x-api-key': key }) },
      body: raw ?? JSON.stringify(body),
    }),
  );
const rows = () => database.selectFrom('access_events').selectAll().orderBy('event_id').execute();

beforeEach(async () => {
  database = await openDatabase('file::memory:');
});
afterEach(() => database.destroy());

describe('Spintly webhook receiver', () => {
  it('stores an event sent with the current key or the one being rotated out, ids only and no personal data', async () => {
    expect((await post(event())).status).toBe(200);
    expect((await post(event({ eventId: 9002 }), 'old-key')).status).toBe(200);
    const stored = await rows();
    expect(stored.map((r) => Number(r.event_id))).toEqual([9001, 9002]);
    expect(stored[0]).toMatchObject({
      door_id: 501,
      site_id: 1,
      person_id: 1001,
      direction: 'entry',
      source: 'webhook',
    });
    expect(Number(stored[0]!.occurred_at)).toBe(1_764_500_000);
    // Spintly's webhook says nothing of the outcome: unknown, never granted.
    expect(stored[0]!.result).toBe('unknown');
    expect(JSON.stringify(stored)).not.toMatch(/Asha|asha@example/);
  });

  it('refuses a wrong or missing key with 401 and stores nothing', async () => {
    expect((await post(event(), 'new-key-but-wrong')).status).toBe(401);
    expect((await post(event(), null)).status).toBe(401);
    expect((await post(event(), '')).status).toBe(401);
    expect(await rows()).toEqual([]);
  });

  it('answers a repeated event id 200 and keeps one row', async () => {
    const first = await post(event());
    const again = await post(event());
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await again.json()).toMatchObject({ stored: false, duplicate: true });
    // The same event many times at once (Spintly retrying while the first is written): still one row.
    await Promise.all(Array.from({ length: 20 }, () => post(event({ eventId: 9003 }))));
    expect((await rows()).map((r) => Number(r.event_id))).toEqual([9001, 9003]);
  });

  it('refuses a malformed body, a missing required field or a foreign organisation with 400', async () => {
    expect((await post(null, 'new-key', '{"messageData": ')).status).toBe(400);
    const noEvent = event();
    delete (noEvent.messageData.data as Record<string, unknown>).eventId;
    const missing = await post(noEvent);
    expect(missing.status).toBe(400);
    expect((await missing.json()).message).toContain('messageData.data.eventId');
    expect((await post(event({ orgId: 999 }))).status).toBe(400);
    expect((await post(event({ accessPointId: 'door' }))).status).toBe(400);
    expect(await rows()).toEqual([]);
  });

  it('accepts every documented field missing or null but the four it needs, and refuses a body over 64 kB with 413', async () => {
    const sparse = {
      messageData: {
        data: { orgId: 4242, eventId: 77, eventTimeEpoch: 1_764_500_000_000, accessPointId: 502, direction: null },
      },
    };
    expect((await post(sparse)).status).toBe(200);
    expect(await rows()).toMatchObject([{ event_id: 77, occurred_at: 1_764_500_000, person_id: null, site_id: null }]);
    const big = event({ name: 'x'.repeat(70 * 1024) });
    expect((await post(big)).status).toBe(413);
    expect(await rows()).toHaveLength(1);
  });

  it('lets the history tell an outcome the webhook did not, and never overwrites one it did', async () => {
    await post(event({ eventId: 1 }));
    await post(event({ eventId: 2, granted: false }));
    const item = (id: number, granted: boolean) => ({
      id,
      accessorId: 1001,
      accessedAt: 1_764_500_000,
      direction: 'entry' as const,
      accessType: 'card' as const,
      mobileAccessMode: null,
      createdAt: '2025-11-30T05:23:20.000Z',
      user: { id: 1001, name: 'Asha Rao', employeeCode: null },
      accessPoint: { id: 501, name: 'Main Entrance', location: null },
      granted,
    });
    const added = await storeEvents(
      database,
      [item(1, true), item(2, true), item(3, true)].map((i) => fromHistory(i, () => 1)),
    );
    expect([...added]).toEqual([3]);
    expect((await rows()).map((r) => [Number(r.event_id), r.result, r.source])).toEqual([
      [1, 'granted', 'webhook'],
      [2, 'denied', 'webhook'],
      [3, 'granted', 'history'],
    ]);
  });

  it('compares keys whole, whatever their length', () => {
    expect(keyAccepted('new-key', ['new-key', 'old-key'])).toBe(true);
    expect(keyAccepted('new-ke', ['new-key'])).toBe(false);
    expect(keyAccepted('new-key ', ['new-key'])).toBe(false);
    expect(keyAccepted('x', [])).toBe(false);
  });

  it('is served the same by the worker’s plain receiver, at the same path', async () => {
    const server = await startWebhookReceiver(0, '127.0.0.1');
    const { port } = server.address() as { port: number };
    const url = `http://127.0.0.1:${port}`;
    try {
      const send = (key: string) =>
        fetch(`${url}/api/webhooks/spintly`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': key },
          body: JSON.stringify(event({ eventId: 4242 })),
        });
      expect((await send('wrong')).status).toBe(401);
      const ok = await send('old-key');
      expect([ok.status, await ok.json()]).toEqual([200, { stored: true, duplicate: false }]);
      expect((await send('new-key')).status).toBe(200);
      expect((await fetch(`${url}/elsewhere`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect((await rows()).map((r) => Number(r.event_id))).toEqual([4242]);
    } finally {
      server.close();
    }
  });
});
