import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { portalEnv } from '../env';
import { spintly as spintlyClient } from '../spintly';
import { accessEventWebhookSchema } from '../spintly/contract';
import { observeWebhookEvents } from '../observability/metrics';
import { fromWebhook, ingestEvent } from './index';

/** Spintly's events are small; anything bigger is not one. */
export const WEBHOOK_MAX_BYTES = 64 * 1024;

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether the request carries one of the configured keys. Compared in constant time (digests of equal length), and
 * against every key whatever matched, so the time taken says nothing about how close a guess was or which key it was.
 */
export function keyAccepted(given: string | null, keys: readonly string[]): boolean {
  if (!given) return false;
  const presented = digest(given);
  let accepted = false;
  for (const key of keys) accepted = timingSafeEqual(presented, digest(key)) || accepted;
  return accepted;
}

/** The body, or null when it is longer than `limit` bytes (read no further than that). */
async function readLimited(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) return null;
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const answer = (status: number, body: object) => {
  if (status >= 400) observeWebhookEvents('refused', 1);
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
};

/**
 * `POST /api/webhooks/spintly`: Spintly's access_event webhook. Key → size → JSON → envelope → organisation → store,
 * then 200 once the event is written (a repeated event id: 200 and no second row). Nothing is stored on any refusal.
 * Answers never echo the body or the key.
 */
export async function receiveWebhook(request: Request): Promise<Response> {
  const { activity, spintly } = portalEnv();
  if (activity.webhookKeys.length === 0)
    return answer(503, { message: 'The webhook is not configured: set SPINTLY_WEBHOOK_KEY.' });
  if (!keyAccepted(request.headers.get('x-api-key'), activity.webhookKeys))
    return answer(401, { message: 'Missing or wrong x-api-key.' });
  const text = await readLimited(request, WEBHOOK_MAX_BYTES);
  if (text === null) return answer(413, { message: `An event is at most ${WEBHOOK_MAX_BYTES / 1024} kB.` });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return answer(400, { message: 'The body is not JSON.' });
  }
  const parsed = accessEventWebhookSchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].slice(0, 5);
    return answer(400, { message: `Not an access event: check ${fields.join(', ')}.` });
  }
  const { msgType, data } = parsed.data.messageData;
  const orgId =
    spintly.orgId ??
    (await spintlyClient()
      .orgId()
      .catch(() => null));
  if (data.orgId !== orgId) return answer(400, { message: 'The event is for another organisation.' });
  // Another kind of message: acknowledged (so Spintly does not resend it) and not stored.
  if (msgType && msgType !== 'access_event') return answer(200, { stored: false, ignored: msgType });
  const row = fromWebhook(data);
  const fresh = await ingestEvent(row);
  observeWebhookEvents(fresh ? 'stored' : 'duplicate', 1, fresh ? [Date.now() / 1000 - row.occurred_at] : []);
  return answer(200, { stored: fresh, duplicate: !fresh });
}
