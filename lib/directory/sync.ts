import 'server-only';
import type { Kysely } from 'kysely';
import type { Dialect } from '../db';
import type { Database } from '../db/schema';
import type { SpintlyUser } from '../spintly/contract';
import type { WalkProgress } from '../spintly/resources/shared';
import { removePeople, upsertPeople } from './store';

/** How often a running walk records its progress, for the progress bar of "Sync now". */
const PROGRESS_EVERY_MS = 500;

/**
 * Reconcile: the only honest copy of a list with no "changed since" filter is one re-read in full. One run reads
 * every page of Spintly's user list (through the background lane the caller passes), writes what changed, and
 * removes people Spintly no longer has — but carefully, since a list read page by page can skip a row that moves
 * while it is read: a person is removed only when a targeted read confirms they are gone, or when two complete walks
 * in a row missed them. A walk that fails half way removes nobody and is recorded as failed.
 */
export interface DirectorySource {
  /** Every person, handed over a page at a time (rejects when the walk could not finish). */
  walk(onPage: (users: SpintlyUser[], progress: WalkProgress) => Promise<void>): Promise<void>;
  /** These people as Spintly has them now (absent = gone). At most 100 ids a call. */
  usersById(ids: number[]): Promise<SpintlyUser[]>;
}

export interface SyncSummary {
  id: number;
  outcome: 'ok' | 'failed';
  people: number;
  added: number;
  changed: number;
  removed: number;
  error?: string;
}

export async function reconcile(
  db: Kysely<Database>,
  dialect: Dialect,
  source: DirectorySource,
  now: () => number = Date.now,
): Promise<SyncSummary> {
  const stamp = () => new Date(now()).toISOString();
  const { id } = await db
    .insertInto('directory_syncs')
    .values({ started_at: stamp(), outcome: 'running', pages: 0, added: 0, changed: 0, removed: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const finish = async (summary: Omit<SyncSummary, 'id'>, pages: number) => {
    await db
      .updateTable('directory_syncs')
      .set({
        finished_at: stamp(),
        outcome: summary.outcome,
        pages,
        people: summary.outcome === 'ok' ? summary.people : null,
        added: summary.added,
        changed: summary.changed,
        removed: summary.removed,
        error: summary.error ?? null,
      })
      .where('id', '=', id)
      .execute();
    return { id, ...summary };
  };

  // Each page is written as it arrives, so the walk never holds everyone; people seen are remembered by id only.
  const seen = new Set<number>();
  let pages = 0;
  let added = 0;
  let changed = 0;
  let reported = now();
  try {
    await source.walk(async (users, progress) => {
      const counts = await upsertPeople(db, dialect, users, stamp());
      added += counts.added;
      changed += counts.changed;
      for (const user of users) seen.add(user.id);
      pages = progress.read;
      if (progress.read === 1 || progress.read === progress.total || now() - reported >= PROGRESS_EVERY_MS) {
        reported = now();
        await db
          .updateTable('directory_syncs')
          .set({ pages, pages_total: progress.total })
          .where('id', '=', id)
          .execute();
      }
    });
  } catch (error) {
    // What was read is written (it is what Spintly said); nobody is removed on a walk that did not finish.
    const message = error instanceof Error ? error.message.slice(0, 300) : 'the walk failed';
    return finish({ outcome: 'failed', people: seen.size, added, changed, removed: 0, error: message }, pages);
  }

  // Who the directory has that this walk did not see.
  const known = await db.selectFrom('people').select(['id', 'missing_since_sync']).execute();
  const absent = known.filter((row) => !seen.has(Number(row.id)));
  const gone: number[] = [];
  const firstMiss: number[] = [];
  for (let i = 0; i < absent.length; i += 100) {
    const batch = absent.slice(i, i + 100);
    let confirmed: Set<number> | null = null;
    try {
      const present = new Set((await source.usersById(batch.map((r) => Number(r.id)))).map((u) => u.id));
      confirmed = new Set(batch.map((r) => Number(r.id)).filter((rowId) => !present.has(rowId)));
    } catch {
      // no targeted answer: fall back to the two-walk rule
    }
    for (const row of batch) {
      const rowId = Number(row.id);
      if (confirmed?.has(rowId) || (row.missing_since_sync !== null && Number(row.missing_since_sync) < id))
        gone.push(rowId);
      else if (row.missing_since_sync === null) firstMiss.push(rowId);
    }
  }
  if (firstMiss.length > 0)
    for (let i = 0; i < firstMiss.length; i += 400)
      await db
        .updateTable('people')
        .set({ missing_since_sync: id })
        .where('id', 'in', firstMiss.slice(i, i + 400))
        .execute();
  const removed = await removePeople(db, dialect, gone);
  return finish({ outcome: 'ok', people: seen.size, added, changed, removed }, pages);
}

/** After an empty Spintly, or a failed try, wait this long before an empty copy asks for another run. */
const EMPTY_RETRY_MS = 60_000;

/** Whether the copy is empty although it should not be: the reconcile task then runs before its interval is up. */
export async function copyIsEmpty(database: Kysely<Database>, now: number): Promise<boolean> {
  if (await database.selectFrom('people').select('id').limit(1).executeTakeFirst()) return false;
  const last = await database
    .selectFrom('directory_syncs')
    .select(['started_at', 'outcome', 'people'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return true;
  if (last.outcome === 'running') return false;
  // A copy emptied after a run that found people is re-read at once; an empty Spintly or a failure, a minute later.
  if (last.outcome === 'ok' && Number(last.people ?? 0) > 0) return true;
  return Date.parse(last.started_at) + EMPTY_RETRY_MS <= now;
}
