import 'server-only';
import { db, dialectOf } from '../db';
import { portalEnv } from '../env';
import { spintly } from '../spintly';
import type { SpintlyUser } from '../spintly/contract';
import { MAX_PER_PAGE } from '../spintly/contract';
import type { Task } from '../worker/runner';
import { removePeople, upsertPeople } from './store';
import { copyIsEmpty, reconcile, type DirectorySource, type SyncSummary } from './sync';

export {
  countDirectory,
  queryDirectory,
  streamDirectory,
  syncStatus,
  type DirectoryCounts,
  type DirectoryFilter,
} from './query';
export { directoryGeneration, type DirectoryPerson } from './store';

/** The portal's database and its dialect, for the directory's queries. */
export async function directoryDb() {
  return { db: await db(), dialect: dialectOf(portalEnv().databaseUrl) };
}

/** Spintly as the reconcile reads it: through the background lane, so it never crowds out people at screens. */
export function spintlySource(client = spintly().background): DirectorySource {
  return {
    walk: (onPage) => client.eachUserPage(onPage),
    usersById: async (ids) => (await client.listUsers({ userIds: ids, perPage: ids.length })).items,
  };
}

/** One full reconcile now, against the portal's database. */
export async function syncDirectory(source: DirectorySource = spintlySource()): Promise<SyncSummary> {
  const { db: database, dialect } = await directoryDb();
  return reconcile(database, dialect, source);
}

/** What a reconcile counted, as its worker run records it; a failed walk fails the run. */
export function runCounts(summary: SyncSummary): Record<string, number> {
  if (summary.outcome === 'failed') throw new Error(summary.error ?? 'the walk failed');
  return { people: summary.people, added: summary.added, changed: summary.changed, removed: summary.removed };
}

export const DIRECTORY_TASK = 'directory.reconcile';

/**
 * The reconcile as a background task: every DIRECTORY_SYNC_INTERVAL_S, when someone asks ("Sync now"), and whenever
 * the copy is empty although Spintly was not (a new database, a table emptied by hand).
 */
export function directoryTask(): Task {
  return {
    name: DIRECTORY_TASK,
    intervalMs: portalEnv().directory.syncIntervalS * 1000,
    wanted: ({ db: database, now }) => copyIsEmpty(database, now()),
    run: async () => runCounts(await syncDirectory()),
  };
}

/**
 * Write-through: after the portal changed these people in Spintly, read them back and write what Spintly now says
 * (people Spintly no longer has leave the directory). Never fails the change it follows: Spintly has it; the next
 * reconcile repairs the copy if this could not.
 */
export async function refreshPeople(ids: readonly number[]): Promise<void> {
  try {
    const { db: database, dialect } = await directoryDb();
    const client = spintly();
    for (let i = 0; i < ids.length; i += MAX_PER_PAGE) {
      const batch = [...ids.slice(i, i + MAX_PER_PAGE)];
      const found = (await client.listUsers({ userIds: batch, perPage: batch.length })).items;
      await upsertPeople(database, dialect, found, new Date().toISOString());
      const present = new Set(found.map((u) => u.id));
      await removePeople(
        database,
        dialect,
        batch.filter((id) => !present.has(id)),
      );
    }
  } catch {
    // The copy catches up at the next reconcile.
  }
}

/** Read-repair: a person's page read them live; make the directory agree. */
export async function repairPerson(user: SpintlyUser): Promise<void> {
  try {
    const { db: database, dialect } = await directoryDb();
    await upsertPeople(database, dialect, [user], new Date().toISOString());
  } catch {
    // as above
  }
}
