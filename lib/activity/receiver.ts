import 'server-only';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { receiveWebhook } from './webhook';

/**
 * Spintly's webhook on a plain node:http server: the same handler and path as the portal's route, without a web
 * framework's per-request cost. `npm run worker` serves it on WEBHOOK_PORT when set, for sites whose event volume is
 * more than a web instance should take beside its pages (measured: a 2-core machine's Next instance tops out near
 * 250 events/s with every event sent twice; this receiver is in the bench's README figures). The production server
 * (scripts/server.ts) answers the portal's own /api/webhooks/spintly with `serveWebhook` too, before Next's router.
 */
/** Whether a request is Spintly's webhook (POST /api/webhooks/spintly, any query). */
export const isWebhookRequest = (req: IncomingMessage) =>
  req.method === 'POST' && req.url?.split('?')[0] === '/api/webhooks/spintly';

/** Answers Spintly's webhook on node:http with the portal's handler (the same one its Next route runs). */
export function serveWebhook(req: IncomingMessage, res: ServerResponse) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, {
    method: 'POST',
    headers,
    body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit);
  receiveWebhook(request)
    .then(async (response) => {
      res.writeHead(response.status, { ...Object.fromEntries(response.headers), 'x-content-type-options': 'nosniff' });
      res.end(Buffer.from(await response.arrayBuffer()));
    })
    .catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"message":"The event could not be stored; send it again."}');
    });
}

export function startWebhookReceiver(port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((req, res) => {
    // For load balancers and the bench: up means listening.
    if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    if (!isWebhookRequest(req)) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not found."}');
      return;
    }
    serveWebhook(req, res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
