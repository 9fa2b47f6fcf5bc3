/**
 * The `/__sandbox/` control API: not part of Spintly's surface, never served by the portal. Tests and demos use
 * it to reset the world, read what really changed, count calls, inject faults, flip readers, sync and tap.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { faultConfigSchema } from './faults';
import { describeIssues, parseJson, readBody, sendError, sendJson } from './http';
import type { Sandbox } from './sandbox';
import { deliverWebhook } from './webhook';
import { ApiError } from './world';

const resetSchema = z.strictObject({
  seed: z.number().int().optional(),
  users: z.number().int().min(0).max(100_000).optional(),
  doorsPerSite: z.number().int().min(1).max(1_000).optional(),
});
const clockSchema = z.strictObject({
  offsetS: z
    .number()
    .int()
    .min(-366 * 86_400)
    .max(366 * 86_400),
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
  if (path === '/clock' && (method === 'GET' || method === 'POST')) {
    if (method === 'POST') sandbox.clockOffsetS = parse(clockSchema, text).offsetS;
    return sendJson(res, 200, {
      offsetS: sandbox.clockOffsetS,
      now: new Date(Date.now() + sandbox.clockOffsetS * 1000),
    });
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
    const delivered = await deliverWebhook(sandbox, world, event);
    return sendJson(res, 200, { event, webhook: delivered });
  }
  sendError(res, 404, `No control route for ${method} ${url.pathname}`);
}
