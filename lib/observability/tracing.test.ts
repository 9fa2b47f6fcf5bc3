import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { recordQuerySpan, setTracing, startTracing, traced, tracingOn } from './tracing';

/** A stand-in OTLP/HTTP collector: what the portal would send to OTEL_EXPORTER_OTLP_ENDPOINT. */
const received: { path: string; body: string }[] = [];
const collector = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    received.push({ path: req.url ?? '', body });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
afterAll(() => {
  collector.close();
  vi.unstubAllEnvs();
});

describe('tracing', () => {
  it('is off until started: work runs, no span is made', async () => {
    expect(tracingOn()).toBe(false);
    expect(await traced('spintly listUsers', {}, async () => 42)).toBe(42);
  });

  it('when started, exports Spintly and database spans over OTLP/HTTP — names and templates, no values', async () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', `http://127.0.0.1:${(collector.address() as AddressInfo).port}`);
    const provider = await startTracing('portal-under-test');
    expect(tracingOn()).toBe(true);
    await traced(
      'spintly userPermissions',
      { 'spintly.endpoint': 'userPermissions', 'url.template': '/users/{userId}/permissions' },
      async () => 'ok',
    );
    await expect(
      traced('spintly deleteUsers', { 'spintly.endpoint': 'deleteUsers' }, async () => {
        throw new Error('upstream refused');
      }),
    ).rejects.toThrow('upstream refused');
    recordQuerySpan('sqlite', 'select "name" from "people" where "id" = ?', 3);
    setTracing(false);
    await traced('spintly made-while-off', {}, async () => null);
    await provider.forceFlush();
    await provider.shutdown();

    const sent = received
      .filter((r) => r.path === '/v1/traces')
      .map((r) => r.body)
      .join('\n');
    expect(sent).toContain('spintly userPermissions');
    expect(sent).toContain('/users/{userId}/permissions');
    expect(sent).toContain('spintly deleteUsers');
    expect(sent).toContain('db select');
    expect(sent).toContain('portal-under-test');
    expect(sent).not.toContain('made-while-off');
  });
});
