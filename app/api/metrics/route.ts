import { keyAccepted } from '@/lib/activity/webhook';
import { portalEnv } from '@/lib/env';
import { scrape } from '@/lib/observability/metrics';

/**
 * Prometheus's scrape (lib/observability/metrics.ts). Guarded by METRICS_TOKEN as a bearer token, compared in
 * constant time; with no token configured the route does not exist (404), so nothing is exposed by default.
 */
export async function GET(request: Request) {
  const token = portalEnv().operations.metricsToken;
  if (!token) return new Response('Not found', { status: 404 });
  const given = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? null;
  if (!keyAccepted(given, [token]))
    return new Response('Missing or wrong bearer token.', {
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="metrics"' },
    });
  const { text, contentType } = await scrape();
  return new Response(text, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
}
