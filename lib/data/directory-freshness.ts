import 'server-only';
import { directoryDb, syncStatus } from '../directory';
import { portalEnv } from '../env';

/** A directory run as screens show it. */
export interface DirectoryRun {
  id: number;
  outcome: 'running' | 'ok' | 'failed';
  startedAt: string;
  pages: number;
  pagesTotal: number | null;
  people: number | null;
  added: number;
  changed: number;
  removed: number;
}

/**
 * How fresh the directory is, for "People as of 10:42 (2 min ago)", the stale-copy warning and "Sync now"'s progress.
 * Internal errors stay in the database: a screen says that the last run failed, not why in Spintly's words.
 */
export async function directoryFreshness() {
  const { db: database } = await directoryDb();
  const { lastOk, last } = await syncStatus(database);
  const intervalMs = portalEnv().directory.syncIntervalS * 1000;
  const asOf = lastOk?.finished_at ?? null;
  const run: DirectoryRun | null = last
    ? {
        id: Number(last.id),
        outcome: last.outcome,
        startedAt: last.started_at,
        pages: Number(last.pages),
        pagesTotal: last.pages_total === null ? null : Number(last.pages_total),
        people: last.people === null ? null : Number(last.people),
        added: Number(last.added),
        changed: Number(last.changed),
        removed: Number(last.removed),
      }
    : null;
  return {
    asOf,
    running: last?.outcome === 'running',
    lastFailed: last?.outcome === 'failed',
    stale: asOf === null || Date.now() - Date.parse(asOf) > 3 * intervalMs,
    readAt: Date.now(),
    last: run,
  };
}
export type DirectoryFreshnessData = Awaited<ReturnType<typeof directoryFreshness>>;
