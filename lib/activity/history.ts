import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { isoWithOffset } from '../format';
import type { AccessEvent } from '../spintly/contract';
import type { WalkProgress } from '../spintly/resources/shared';
import { fromHistory, storeEvents } from './store';

/** Spintly's access history as the backfill and the gap repair read it (the background lane, in the real portal). */
export interface HistorySource {
  /** Every event in [from, to] (epoch seconds), a page at a time. */
  walk(
    fromS: number,
    toS: number,
    onPage: (items: AccessEvent[], progress: WalkProgress) => Promise<void>,
  ): Promise<void>;
  /** The site of each door, from the door lists (a history item names its door only). */
  siteOfDoor(): Promise<(doorId: number) => number | null>;
}

/** Spintly's history time format, in the portal's zone: "2026-11-30 10:42:00 +05:30". */
export function historyTime(epochS: number, timeZone: string): string {
  const iso = isoWithOffset(epochS * 1000, timeZone);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} ${iso.slice(19)}`;
}

/** Reads every event of a window into the store; what was there already is left alone. */
export async function readHistory(db: Kysely<Database>, source: HistorySource, fromS: number, toS: number) {
  const siteOf = await source.siteOfDoor();
  let events = 0;
  let added = 0;
  let pages = 0;
  await source.walk(fromS, toS, async (items, progress) => {
    events += items.length;
    pages = progress.read;
    added += (
      await storeEvents(
        db,
        items.map((item) => fromHistory(item, siteOf)),
      )
    ).size;
  });
  return { pages, events, added };
}

/** Events can reach Spintly's history a little after they happened (a reader offline for a while): read back this far. */
export const REPAIR_OVERLAP_S = 15 * 60;

/**
 * Where the next gap repair starts: the end of the last repair that finished (less the overlap), so a stretch when
 * the portal was down is read even though the webhook has brought newer events since; without one, the backfill's
 * start. Never further back than the backfill window.
 */
export async function repairStart(db: Kysely<Database>, task: string, nowS: number, backfillDays: number) {
  const earliest = nowS - backfillDays * 86_400;
  const last = await db
    .selectFrom('worker_runs')
    .select('counts')
    .where('task', '=', task)
    .where('outcome', '=', 'ok')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const to = last?.counts ? (JSON.parse(last.counts) as { toS?: number }).toS : undefined;
  return Math.max(earliest, (to ?? earliest) - REPAIR_OVERLAP_S);
}
