import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { syncStatus } from '../directory/query';
import { portalEnv } from '../env';
import { setMetricSource } from './metrics';

/** Where the database-backed gauges read their values when Prometheus scrapes (three small indexed reads). */
export function registerMetricSources(db: Kysely<Database>) {
  setMetricSource('portal_pending_permissions', async () => {
    const stuckBefore = new Date(Date.now() - portalEnv().pendingStuckAfterMs).toISOString();
    const row = await db
      .selectFrom('pending_changes')
      .select((eb) => [
        eb.fn.countAll<number>().as('all'),
        eb.fn.sum<number>(eb.case().when('since', '<', stuckBefore).then(1).else(0).end()).as('stuck'),
      ])
      .executeTakeFirstOrThrow();
    return { all: Number(row.all), stuck: Number(row.stuck ?? 0) };
  });
  setMetricSource('portal_job_queue_depth', async () => {
    const rows = await db
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', 'in', ['queued', 'running'])
      .groupBy('status')
      .execute();
    const depth: Record<string, number> = { queued: 0, running: 0 };
    for (const row of rows) depth[row.status] = Number(row.n);
    return depth;
  });
  setMetricSource('portal_directory_age_seconds', async () => {
    const { lastOk } = await syncStatus(db);
    const at = lastOk?.finished_at ?? lastOk?.started_at;
    // Never reconciled: as old as can be said, so an alert on age fires.
    return at ? Math.max(0, (Date.now() - Date.parse(at)) / 1000) : Number.MAX_SAFE_INTEGER;
  });
}
