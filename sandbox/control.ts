/**
 * The `/__sandbox/` control API: not part of Spintly's surface, never served by the portal. Tests and demos use
 * it to reset the world, read what really changed, count calls, inject faults, flip readers, sync and tap.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { faultConfigSchema } from './faults';
import { describeIssues, parseJson, readBody, sendError, sendJson } from './http';
import type { Sandbox } from './sandbox';
import { ApiError, type World } from './world';

const resetSchema = z.strictObject({
  seed: z.number().int().optional(),
  users: z.number().int().min(0).max(100_000).optional(),
  doorsPerSite: z.number().int().min(1).max(1_000).optional(),
});
const readerSchema = z.strictObject({ online: z.boolean() });
const tapSchema = z.strictObject({
  userId: z.number().int().positive(),
  accessPointId: z.number().int().positive(),
  accessType: z.enum(['card', 'mobile', 'fingerprint']).default('card'),
});

function parse<T extends z.ZodType>(schema: T, text: string): z.output<T> {
  const parsed = schema.safeParse(parseJson(text));
  if (!parsed.success) throw new ApiError(400, describeIssues(parsed.error));
  return parsed.data;
}

export async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, sandbox: Sandbox) {
  const method = req.method ?? 'GET';
  const path = url.pathname.slice('/__sandbox'.length);
  const text = method === 'GET' || method === 'DELETE' ? '' : await readBody(req);
  const world = sandbox.world;
  world.syncDue();

  if (method === 'GET' && path === '/health') return sendJson(res, 200, { ok: true, orgId: world.orgId });
  if (method === 'GET' && path === '/state') return sendJson(res, 200, world.snapshot());
  if (method === 'GET' && path === '/stats') return sendJson(res, 200, sandbox.stats.snapshot());
  if (method === 'DELETE' && path === '/stats') {
    sandbox.stats.clear();
    return sendJson(res, 200, sandbox.stats.snapshot());
  }
  if (method === 'POST' && path === '/reset') {
    const body = parse(resetSchema, text);
    sandbox.reset(body);
    return sendJson(res, 200, {
      ok: true,
      users: sandbox.world.users.size,
      accessPoints: sandbox.world.accessPoints.size,
    });
  }
  if (method === 'GET' && path === '/faults') return sendJson(res, 200, sandbox.faults.current);
  if (method === 'POST' && path === '/faults') {
    sandbox.faults.set(parse(faultConfigSchema, text));
    return sendJson(res, 200, sandbox.faults.current);
  }
  if (method === 'POST' && path === '/sync') return sendJson(res, 200, { synced: world.syncDue(true) });
  if (method === 'POST' && path === '/tokens/revoke') {
    sandbox.tokens.revokeAll();
    return sendJson(res, 200, { ok: true });
  }
  const reader = /^\/readers\/(\d+)$/.exec(path);
  if (method === 'POST' && reader) {
    const accessPointId = Number(reader[1]);
    world.setReaderOnline(accessPointId, parse(readerSchema, text).online);
    return sendJson(res, 200, { accessPointId, online: world.readers.get(accessPointId)?.online });
  }
  if (method === 'POST' && path === '/access') {
    const tap = parse(tapSchema, text);
    const event = world.tap(tap.userId, tap.accessPointId, tap.accessType);
    const delivered = await deliverWebhook(sandbox, world, event.id);
    return sendJson(res, 200, { event, webhook: delivered });
  }
  sendError(res, 404, `No control route for ${method} ${url.pathname}`);
}

/** Pushes the access event to SANDBOX_WEBHOOK_URL in Spintly's webhook shape; reports the receiver's status. */
async function deliverWebhook(sandbox: Sandbox, world: World, eventId: number): Promise<number | null> {
  const { webhookUrl, webhookKey } = sandbox.options;
  if (!webhookUrl) return null;
  const event = world.events.find((e) => e.id === eventId)!;
  const door = world.accessPoint(event.accessPoint.id);
  const site = world.site(door.siteId);
  const user = world.user(event.accessorId);
  const body = {
    messageVersion: 1,
    messageData: {
      requestId: randomUUID(),
      msgType: 'access_event',
      dataVersion: 1,
      data: {
        orgId: world.orgId,
        orgUserId: user.id,
        eventTimeEpoch: event.accessedAt,
        timezonedEventTime: new Date(event.accessedAt * 1000).toISOString(),
        direction: event.direction,
        accessType: event.accessType,
        eventId: event.id,
        accessPointId: door.id,
        accessPointName: door.name,
        siteId: site.id,
        siteName: site.name,
        siteLocation: site.location,
        accessorId: user.id,
        mobileAccessMode: event.mobileAccessMode,
        employeeCode: user.employeeCode,
        name: user.name,
        email: user.email,
        phone: user.phone,
      },
    },
  };
  try {
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(webhookKey && { 'x-api-key': webhookKey }) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    return response.status;
  } catch (error) {
    sandbox.options.log(`sandbox: webhook delivery failed: ${String(error)}`);
    return 0;
  }
}
