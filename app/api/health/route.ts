import { spintly } from '@/lib/spintly';
import { databaseState } from '@/lib/observability/health';

/**
 * For load balancers and test runners: public, and says nothing secret. 200 when this instance can serve — its
 * database reachable and its schema current — else 503; and when Spintly last answered this instance (null before
 * the first call), which a balancer may watch but should not act on: Spintly being down is not this instance's fault.
 * Kubernetes-style probes: /api/livez and /api/readyz.
 */
export async function GET() {
  const database = await databaseState();
  const at = spintly().lastAnsweredAt;
  const ok = database.reachable && database.schemaCurrent;
  return Response.json(
    { ok, database, spintly: { lastAnsweredAt: at === null ? null : new Date(at).toISOString() } },
    { status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}
