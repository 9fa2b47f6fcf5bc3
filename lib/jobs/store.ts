import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, JobItemStatus, JobsTable } from '../db/schema';

/** An item as a job is created with: most are pending; some are settled already (an import's bad row). */
export interface NewItem {
  input: unknown;
  status?: Extract<JobItemStatus, 'pending' | 'failed' | 'unchanged'>;
  outcome?: string;
  message?: string;
  personId?: number | null;
}

export type Job = JobsTable;

const INSERT_CHUNK = 500;

/** Writes a job and its items in one transaction; the runner picks it up (see `requestRun('jobs.run')`). */
export async function createJob(
  db: Kysely<Database>,
  job: { kind: string; title: string; createdBy: string; items: readonly NewItem[] },
  now = new Date(),
): Promise<string> {
  const id = randomUUID();
  const at = now.toISOString();
  const count = (status: NewItem['status']) => job.items.filter((i) => (i.status ?? 'pending') === status).length;
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('jobs')
      .values({
        id,
        kind: job.kind,
        status: job.items.some((i) => (i.status ?? 'pending') === 'pending') ? 'queued' : 'done',
        title: job.title,
        created_by: job.createdBy,
        created_at: at,
        started_at: null,
        finished_at: null,
        cancel_requested: 0,
        total: job.items.length,
        succeeded: 0,
        unchanged: count('unchanged'),
        failed: count('failed'),
      })
      .execute();
    for (let i = 0; i < job.items.length; i += INSERT_CHUNK)
      await tx
        .insertInto('job_items')
        .values(
          job.items.slice(i, i + INSERT_CHUNK).map((item, j) => ({
            job_id: id,
            seq: i + j + 1,
            input: JSON.stringify(item.input),
            status: item.status ?? 'pending',
            outcome: item.outcome ?? null,
            message: item.message ?? null,
            person_id: item.personId ?? null,
            attempts: 0,
            updated_at: at,
          })),
        )
        .execute();
  });
  return id;
}

export async function getJob(db: Kysely<Database>, id: string): Promise<Job | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first; one operator's, or everyone's (super admins). */
export async function listJobs(db: Kysely<Database>, createdBy: string | null, limit = 50): Promise<Job[]> {
  let query = db.selectFrom('jobs').selectAll();
  if (createdBy !== null) query = query.where('created_by', '=', createdBy);
  return query.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}

/** Asks a queued or running job to stop; the runner finishes the items in flight and cancels the rest. */
export async function requestCancel(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ cancel_requested: 1 })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The job to work on: one left running by a stopped process first (resume), then the oldest queued. */
export async function nextJob(db: Kysely<Database>): Promise<Job | undefined> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('status', 'in', ['running', 'queued'])
    .orderBy('status', 'desc') // 'running' before 'queued'
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

/** Jobs this small (a matrix apply, one person's offboarding) run between the batches of a bigger one. */
export const SMALL_JOB_ITEMS = 100;

/** The oldest small job waiting, other than `exceptId`: run before the next batch of a big job, so it never waits behind it. */
export async function nextSmallJob(db: Kysely<Database>, exceptId: string): Promise<Job | undefined> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('status', '=', 'queued')
    .where('total', '<=', SMALL_JOB_ITEMS)
    .where('id', '!=', exceptId)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

/** Every item of a job in order, a chunk at a time (result CSVs of 10,000 rows). */
export async function* jobItems(db: Kysely<Database>, jobId: string, chunk = 1000) {
  for (let after = 0; ;) {
    const rows = await db
      .selectFrom('job_items')
      .selectAll()
      .where('job_id', '=', jobId)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(chunk)
      .execute();
    for (const row of rows) yield row;
    if (rows.length < chunk) return;
    after = Number(rows.at(-1)!.seq);
  }
}
