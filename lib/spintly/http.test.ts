import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttp } from './http';

let server: Server;
let base = '';
const received: { method: string; body: string; headers: IncomingMessage['headers'] }[] = [];

function handle(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    received.push({ method: req.method ?? '', body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
    if (req.url === '/gzip') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return res.end(gzipSync(JSON.stringify({ name: 'Zoë Døør', many: 'x'.repeat(100_000) })));
    }
    if (req.url === '/busy') {
      res.writeHead(429, { 'retry-after': '7' });
      return res.end('{"type":"error"}');
    }
    if (req.url === '/hang') return; // never answers
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ echo: Buffer.concat(chunks).toString('utf8') }));
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const send = nodeHttp();
const timeout = () => AbortSignal.timeout(2_000);

describe('nodeHttp', () => {
  it('sends the body whole (multi-byte text included) and reads the answer', async () => {
    const answer = await send(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"Zoë"}',
      signal: timeout(),
    });
    expect(answer.ok).toBe(true);
    expect(JSON.parse(await answer.text())).toEqual({ echo: '{"name":"Zoë"}' });
    expect(received.at(-1)?.headers['content-length']).toBe(String(Buffer.byteLength('{"name":"Zoë"}')));
  });

  it('asks for compressed answers and decodes them', async () => {
    const answer = await send(`${base}/gzip`, { method: 'GET', headers: {}, signal: timeout() });
    expect(received.at(-1)?.headers['accept-encoding']).toMatch(/gzip/);
    const body = JSON.parse(await answer.text()) as { name: string; many: string };
    expect(body.name).toBe('Zoë Døør');
    expect(body.many).toHaveLength(100_000);
  });

  it('gives status and headers of a refusal, not an exception', async () => {
    const answer = await send(`${base}/busy`, { method: 'GET', headers: {}, signal: timeout() });
    expect(answer.ok).toBe(false);
    expect(answer.status).toBe(429);
    expect(answer.headers.get('Retry-After')).toBe('7');
    expect(answer.headers.get('x-missing')).toBeNull();
  });

  it('gives up when the signal fires, as an AbortError (which the client reports as a timeout)', async () => {
    const error = await send(`${base}/hang`, { method: 'GET', headers: {}, signal: AbortSignal.timeout(100) }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.name).toBe('AbortError');
  });

  it('fails on a refused connection, as an ordinary error', async () => {
    const error = await send('http://127.0.0.1:1/', { method: 'GET', headers: {}, signal: timeout() }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error?.name).not.toBe('AbortError');
  });
});
