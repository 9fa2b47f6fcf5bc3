import 'server-only';
import type { Kysely } from 'kysely';
import type { Database, DoorHoldersTable, PendingChangesTable } from '../db/schema';
import { portalEnv } from '../env';
import { spintly } from '../spintly';
import type { Task } from '../worker/runner';
import { historyTime, readHistory, repairStart, type HistorySource } from './history';
import { doorHolders, pendingOf } from '../core/holders';

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
      const site = new Map((await client.allDoors()).map((d) => [d.id, d.siteId]));
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
      const hour = beforeS - (beforeS % 3600);
      await db.deleteFrom('activity_hourly').where('hour_s', '<', hour).execute();
      await db.deleteFrom('activity_company_hourly').where('hour_s', '<', hour).execute();
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
      // One call per door: at 1,000 doors a scan is 1,000 background reads, so every 5 minutes, not per page view.
      name: PENDING_TASK,
      intervalMs: 300_000,
      run: async ({ db }) => recordPending(db, scanPending()),
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

export const PENDING_TASK = 'permissions.pending';

/** A door and what Spintly says is pending there. */
export interface DoorPending {
  doorId: number;
  siteId: number;
  /** How many people can open the door now (pending grants not counted). */
  holders: number;
  pending: { personId: number; action: 'grant' | 'revoke'; since: string | null }[];
}

/**
 * Every door's pending changes, one call per door through the background lane (its concurrency limit keeps this
 * polite), a site at a time. Only the pending part of each answer is kept: a door's full holder list can be large.
 */
export async function* scanPending(client = spintly().background): AsyncGenerator<DoorPending> {
  for (const site of await client.allSites()) {
    const doors = await client.allAccessPoints(site.id);
    const found = await Promise.all(
      doors.map(async (door) =>
        doorPendingOf({ doorId: door.id, siteId: site.id }, doorHolders(await client.doorHolderIds(door.id))),
      ),
    );
    yield* found;
  }
}

/**
 * Replaces the tables of pending changes and holder counts with what a complete scan found; a scan that failed
 * changes nothing.
 */
export async function recordPending(db: Kysely<Database>, doors: AsyncIterable<DoorPending>, now = new Date()) {
  const rows: PendingChangesTable[] = [];
  const holders: DoorHoldersTable[] = [];
  for await (const door of doors) {
    const seen = rowsOf(door, now);
    holders.push(seen.holders);
    rows.push(...seen.pending);
  }
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('pending_changes').execute();
    await tx.deleteFrom('door_holders').execute();
    for (let i = 0; i < holders.length; i += 500)
      await tx
        .insertInto('door_holders')
        .values(holders.slice(i, i + 500))
        .execute();
    for (let i = 0; i < rows.length; i += 500)
      await tx
        .insertInto('pending_changes')
        .values(rows.slice(i, i + 500))
        .execute();
  });
  return { pending: rows.length };
}

/**
 * One door as a page just read it live: its counts replace the scan's, so the site page says what the door page
 * said (read-repair, as the person page does for people).
 */
export async function recordDoorSeen(db: Kysely<Database>, door: DoorPending, now = new Date()) {
  const seen = rowsOf(door, now);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('pending_changes').where('door_id', '=', door.doorId).execute();
    await tx.deleteFrom('door_holders').where('door_id', '=', door.doorId).execute();
    await tx.insertInto('door_holders').values(seen.holders).execute();
    if (seen.pending.length > 0) await tx.insertInto('pending_changes').values(seen.pending).execute();
  });
}

function rowsOf(door: DoorPending, now: Date): { holders: DoorHoldersTable; pending: PendingChangesTable[] } {
  const seenAt = now.toISOString();
  return {
    holders: { door_id: door.doorId, site_id: door.siteId, holders: door.holders, seen_at: seenAt },
    pending: door.pending.map((p) => ({
      door_id: door.doorId,
      person_id: p.personId,
      site_id: door.siteId,
      action: p.action,
      since: p.since,
      seen_at: seenAt,
    })),
  };
}

/** A door's counts from its holders (`doorHolders` of Spintly's answer), as the scan and the door page both take them. */
export function doorPendingOf(
  door: { doorId: number; siteId: number },
  users: ReturnType<typeof doorHolders>,
): DoorPending {
  return {
    ...door,
    holders: users.holderCount,
    pending: users.pending.map((u) => ({ personId: u.id, ...pendingOf(u) })),
  };
}
