import { databaseState, spintlyTokenObtainable } from '@/lib/observability/health';

/**
 * Readiness: 200 when this instance can serve operators — its database reachable with the schema current, and a
 * Spintly token obtainable (the cached one, or a fresh one within 3 s) — else 503 with which check failed, so a load
 * balancer stops sending traffic here until it recovers. Public; says nothing secret.
 */
export async function GET() {
  const [database, spintlyToken] = await Promise.all([databaseState(), spintlyTokenObtainable()]);
  const checks = { database: database.reachable, schemaCurrent: database.schemaCurrent, spintlyToken };
  const ok = Object.values(checks).every(Boolean);
  return Response.json({ ok, checks }, { status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
