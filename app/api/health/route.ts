import { dialectOf, openDatabase, pendingMigrations } from '@/lib/db';
import { portalEnv } from '@/lib/env';
import { spintly } from '@/lib/spintly';

/**
 * For load balancers and test runners: public, and says nothing secret. 200 when this instance can serve — its
 * database reachable and its schema current — else 503; and when Spintly last answered this instance (null before
 * the first call), which a balancer may watch but should not act on: Spintly being down is not this instance's fault.
 */
export async function GET() {
  const url = portalEnv().databaseUrl;
  let database: { reachable: boolean; schemaCurrent: boolean };
  try {
    const db = await healthDatabase(url);
    database = { reachable: true, schemaCurrent: (await pendingMigrations(db, dialectOf(url))).length === 0 };
  } catch {
    database = { reachable: false, schemaCurrent: false };
  }
  const at = spintly().lastAnsweredAt;
  const ok = database.reachable && database.schemaCurrent;
  return Response.json(
    { ok, database, spintly: { lastAnsweredAt: at === null ? null : new Date(at).toISOString() } },
    { status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}

/** Its own connection: the portal's db() refuses a stale schema, and health must be able to say so. */
let opened: ReturnType<typeof openDatabase> | undefined;
function healthDatabase(url: string) {
  opened ??= openDatabase(url, { migrate: false }).catch((error: unknown) => {
    opened = undefined;
    throw error;
  });
  return opened;
}
