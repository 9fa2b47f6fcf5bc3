import 'server-only';
import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * The one thing the client needs from HTTP: send a request, get status, headers and body text. The global `fetch`
 * fits this shape (tests inject one to tamper with answers); production uses `nodeHttp()`.
 */
export interface HttpAnswer {
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type HttpRequest = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<HttpAnswer>;

const decoders: Record<string, (buffer: Buffer) => Promise<Buffer>> = {
  gzip: promisify(zlib.gunzip),
  'x-gzip': promisify(zlib.gunzip),
  deflate: promisify(zlib.inflate),
  br: promisify(zlib.brotliDecompress),
};

/**
 * Requests over node:http(s) with keep-alive connections. Measured against the sandbox: the 40 door answers of one
 * permission matrix (≈ 900 kB) cost the portal ≈ 36 ms of CPU this way and 56–71 ms through `fetch`, whose web
 * streams dominate on large answers. Answers may come compressed (asked for, as `fetch` does): they are decoded here.
 */
export function nodeHttp(): HttpRequest {
  const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
  return (url, { method, headers, body, signal }) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const target = new URL(url);
      const protocol = target.protocol === 'https:' ? 'https:' : 'http:';
      const request = (protocol === 'https:' ? https : http).request(
        target,
        {
          method,
          agent: agents[protocol],
          signal,
          headers: {
            'accept-encoding': 'gzip, deflate, br',
            ...headers,
            ...(body !== undefined && { 'content-length': String(Buffer.byteLength(body)) }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('aborted', () => reject(Object.assign(new Error('answer cut short'), { name: 'AbortError' })));
          response.on('end', () => {
            const raw = Buffer.concat(chunks);
            const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
            const decode = decoders[encoding];
            const status = response.statusCode ?? 0;
            const text = (decode ? decode(raw) : Promise.resolve(raw)).then((buffer) => buffer.toString('utf8'));
            // A body that does not decode is a broken answer, reported when the body is read.
            text.catch(() => {});
            resolve({
              ok: status >= 200 && status < 300,
              status,
              headers: {
                get: (name) => {
                  const value = response.headers[name.toLowerCase()];
                  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
                },
              },
              text: () => text,
            });
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
}
