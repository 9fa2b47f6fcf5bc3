import 'server-only';
import { pool } from '../core/pool';
import type { Kysely } from 'kysely';
import type { Database, JobItemStatus } from '../db/schema';
import type { AuditReason } from '../audit/sentence';
import { nextJob, nextSmallJob, SMALL_JOB_ITEMS, type Job } from './store';

/** An item that did not get done: the message for the admin, and the refusal's reason (null: something broke). */
export interface ItemFailure {
  status: 'failed';
  message: string;
  reason: AuditReason | null;
}

/** What an item's work reports. `unchanged`: nothing needed doing (a re-imported row that matches). */
export interface ItemResult {
  status: Extract<JobItemStatus, 'done' | 'unchanged'>;
  outcome: string;
  message?: string;
  personId?: number | null;
  /** For the audit record: who and where (a site admin reads the records of their sites). */
  personName?: string;
  siteId?: number | null;
}

export interface ItemContext<Op> {
  db: Kysely<Database>;
  job: Job;
  operator: Op;
  /**
   * True when this item was in flight when the process running the job stopped: it may have landed. Processors
   * look before they write (and they always compare with Spintly first), so a resumed item is never done twice.
   */
  resumed: boolean;
}

export interface JobKind<Op> {
  /** The item's work; throws with a message an admin can read when it cannot be done. */
  process: (input: unknown, ctx: ItemContext<Op>) => Promise<ItemResult>;
  /** Called after every item, whatever its outcome (the audit record). */
  recorded?: (
    item: { seq: number; input: unknown; result: ItemResult | ItemFailure },
    ctx: ItemContext<Op>,
  ) => Promise<void>;
}

export interface RunJobOptions<Op> {
  db: Kysely<Database>;
  kinds: Record<string, JobKind<Op>>;
  /** The job's starter as they are now; null when they can no longer act (disabled, deleted). */
  loadOperator: (id: string) => Promise<Op | null>;
  /** Items worked on at once: the jobs' share of the write lane, so people at screens keep the rest. */
  concurrency: number;
  now?: () => number;
  /** An error's message for the item (Spintly's, an action's, or a generic one) and whether it was a refusal. */
  describeError: (error: unknown) => { message: string; reason: AuditReason | null };
}

const iso = (now: () => number) => new Date(now()).toISOString();

/**
 * Runs one job to its end, or until it is cancelled. Resumable by construction: items are claimed (status `running`,
 * attempts + 1) before their work starts and settled after it, so a job a stopped process left `running` goes on from
 * its first unfinished item; items that succeeded are never taken again, and items that were in flight are taken again
 * with `resumed` set. Cancel is checked between batches: the items in flight finish, the rest are cancelled. Small jobs
 * queued meanwhile run between a big job's batches.
 */
export async function runJob<Op>(job: Job, options: RunJobOptions<Op>): Promise<Job['status']> {
  const { db, concurrency } = options;
  const now = options.now ?? Date.now;
  const kind = options.kinds[job.kind];
  const finish = async (status: Job['status'], itemStatus: JobItemStatus, message: string) => {
    await db
      .updateTable('job_items')
      .set({ status: itemStatus, message, updated_at: iso(now) })
      .where('job_id', '=', job.id)
      .where('status', 'in', ['pending', 'running'])
      .execute();
    const left = await db
      .selectFrom('job_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('job_id', '=', job.id)
      .where('status', '=', itemStatus)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('jobs')
      .set({ status, finished_at: iso(now), ...(itemStatus === 'failed' && { failed: Number(left.n) }) })
      .where('id', '=', job.id)
      .execute();
    return status;
  };
  if (!kind) return finish('failed', 'failed', `This portal cannot run "${job.kind}" jobs.`);
  const operator = await options.loadOperator(job.created_by);
  if (!operator) return finish('failed', 'failed', 'The operator who started this job can no longer make changes.');

  await db
    .updateTable('jobs')
    .set({ status: 'running', started_at: job.started_at ?? iso(now) })
    .where('id', '=', job.id)
    .execute();
  // Items a stopped process had in flight: back in the queue, marked so their work looks before it writes.
  const inFlight = new Set(
    (
      await db
        .selectFrom('job_items')
        .select('seq')
        .where('job_id', '=', job.id)
        .where('status', '=', 'running')
        .execute()
    ).map((r) => Number(r.seq)),
  );
  if (inFlight.size > 0)
    await db
      .updateTable('job_items')
      .set({ status: 'pending' })
      .where('job_id', '=', job.id)
      .where('status', '=', 'running')
      .execute();

  const runItem = async (item: { seq: number; input: string }) => {
    const ctx: ItemContext<Op> = { db, job, operator, resumed: inFlight.has(item.seq) };
    // Claimed only if still pending: should two runners ever overlap, an item is worked on by one of them.
    const claimed = await db
      .updateTable('job_items')
      .set((eb) => ({ status: 'running', attempts: eb('attempts', '+', 1), updated_at: iso(now) }))
      .where('job_id', '=', job.id)
      .where('seq', '=', item.seq)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return;
    const input: unknown = JSON.parse(item.input);
    let result: ItemResult | ItemFailure;
    try {
      result = await kind.process(input, ctx);
    } catch (error) {
      result = { status: 'failed', ...options.describeError(error) };
    }
    await db
      .updateTable('job_items')
      .set({
        status: result.status,
        outcome: 'outcome' in result ? result.outcome : 'failed',
        message: result.message ?? null,
        person_id: 'personId' in result ? (result.personId ?? null) : null,
        updated_at: iso(now),
      })
      .where('job_id', '=', job.id)
      .where('seq', '=', item.seq)
      .execute();
    const counter = result.status === 'done' ? 'succeeded' : result.status === 'unchanged' ? 'unchanged' : 'failed';
    await db
      .updateTable('jobs')
      .set((eb) => ({ [counter]: eb(counter, '+', 1) }))
      .where('id', '=', job.id)
      .execute();
    await kind.recorded?.({ seq: item.seq, input, result }, ctx);
  };

  for (;;) {
    const current = await db.selectFrom('jobs').select('cancel_requested').where('id', '=', job.id).executeTakeFirst();
    if (!current || Number(current.cancel_requested) === 1)
      return finish('cancelled', 'cancelled', 'Cancelled before this item was started.');
    // A door change or one offboarding started meanwhile goes first: seconds for it, unnoticed by a 10,000-row import.
    if (Number(job.total) > SMALL_JOB_ITEMS)
      for (let small = await nextSmallJob(db, job.id); small; small = await nextSmallJob(db, job.id))
        await runJob(small, options);
    const batch = await db
      .selectFrom('job_items')
      .select(['seq', 'input'])
      .where('job_id', '=', job.id)
      .where('status', '=', 'pending')
      .orderBy('seq')
      .limit(concurrency * 2)
      .execute();
    if (batch.length === 0) break;
    await pool(
      batch.map((b) => ({ seq: Number(b.seq), input: b.input })),
      concurrency,
      runItem,
    );
  }
  await db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: iso(now) })
    .where('id', '=', job.id)
    .execute();
  return 'done';
}

/** Runs `work` over `items`, at most `limit` at once. */

/** Every job waiting, one after another, until none is left: the `jobs.run` task's work. */
export async function runQueuedJobs<Op>(options: RunJobOptions<Op>) {
  const counts = { jobs: 0 };
  for (let job = await nextJob(options.db); job; job = await nextJob(options.db)) {
    await runJob(job, options);
    counts.jobs++;
  }
  return counts;
}
