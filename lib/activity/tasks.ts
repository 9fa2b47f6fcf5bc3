import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { portalEnv } from '../env';
import { spintly } from '../spintly';
import type { Task } from '../worker/runner';
import { historyTime, readHistory, repairStart, type HistorySource } from './history';

export const HISTORY_TASK = 'activity.history';
/** The newest events are left to the webhook and the next run: Spintly's history may not have them yet. */
const SETTLE_S = 60;

/** Spintly's history through the background lane; door sites from the (cached) door lists. */
export function spintlyHistory(client = spintly().background): HistorySource {
  const { timeZone } = portalEnv().display;
  return {
    walk: (fromS, toS, onPage) =>
      client.eachHistoryPage({ start: historyTime(fromS, timeZone), end: historyTime(toS, timeZone) }, onPage),
    async siteOfDoor() {
      const sites = await client.allSites();
      const doors = (await Promise.all(sites.map((s) => client.allAccessPoints(s.id)))).flat();
      const site = new Map(doors.map((d) => [d.id, d.siteId]));
      return (doorId) => site.get(doorId) ?? null;
    },
  };
}

/**
 * Backfill and gap repair in one task: its first run reads the last ACTIVITY_BACKFILL_DAYS of Spintly's history; each
 * later run (every ACTIVITY_REPAIR_INTERVAL_S) reads from where the last one ended, so events the webhook missed —
 * while the portal was down, or refused — are recovered. Each run records the end it read to.
 */
export async function runHistory(db: Kysely<Database>, source: HistorySource, nowMs: number, backfillDays: number) {
  const toS = Math.floor(nowMs / 1000) - SETTLE_S;
  const fromS = await repairStart(db, HISTORY_TASK, toS, backfillDays);
  if (fromS >= toS) return { fromS, toS, pages: 0, events: 0, added: 0 };
  return { fromS, toS, ...(await readHistory(db, source, fromS, toS)) };
}

/** Deletes events older than the retention, a slice at a time so no one statement holds the table for long. */
export async function pruneEvents(db: Kysely<Database>, beforeS: number, slice = 10_000): Promise<number> {
  let removed = 0;
  for (;;) {
    const result = await db
      .deleteFrom('access_events')
      .where(
        'event_id',
        'in',
        db.selectFrom('access_events').select('event_id').where('occurred_at', '<', beforeS).limit(slice),
      )
      .executeTakeFirst();
    const n = Number(result.numDeletedRows);
    removed += n;
    if (n < slice) {
      await db
        .deleteFrom('activity_hourly')
        .where('hour_s', '<', beforeS - (beforeS % 3600))
        .execute();
      return removed;
    }
  }
}

export function activityTasks(): Task[] {
  const { activity } = portalEnv();
  return [
    {
      name: HISTORY_TASK,
      intervalMs: activity.repairIntervalS * 1000,
      run: async ({ db, now }) => runHistory(db, spintlyHistory(), now(), activity.backfillDays),
    },
    {
      name: 'activity.retention',
      intervalMs: 3_600_000,
      run: async ({ db, now }) => ({
        removed: await pruneEvents(db, Math.floor(now() / 1000) - activity.retentionDays * 86_400),
      }),
    },
  ];
}
