import 'server-only';
import { z } from 'zod';
import { reachesAllSites } from '../auth/permissions';
import type { SessionOperator } from '../auth/session';
import { verifySession } from '../auth/session';
import { db } from '../db';
import { getJob, jobItems, listJobs, type Job } from '../jobs/store';

/** A job as pages show it. */
export interface JobView {
  id: string;
  kind: string;
  title: string;
  status: Job['status'];
  cancelRequested: boolean;
  total: number;
  succeeded: number;
  unchanged: number;
  failed: number;
  /** Items finished, whatever their outcome. */
  finished: number;
  createdAt: string;
  finishedAt: string | null;
  createdBy: string;
}

export const jobIdSchema = z.object({ id: z.uuid().catch('') });

export function toJobView(job: Job, names: ReadonlyMap<string, string> = new Map()): JobView {
  const [succeeded, unchanged, failed] = [Number(job.succeeded), Number(job.unchanged), Number(job.failed)];
  return {
    id: job.id,
    kind: job.kind,
    title: job.title,
    status: job.status,
    cancelRequested: Number(job.cancel_requested) === 1,
    total: Number(job.total),
    succeeded,
    unchanged,
    failed,
    finished: succeeded + unchanged + failed,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
    createdBy: names.get(job.created_by) ?? 'an operator',
  };
}

/** A job its starter may see (and a super admin, any); null otherwise, told apart from "no such job" by nobody. */
export async function jobFor(operator: SessionOperator, id: string): Promise<Job | null> {
  if (!id) return null;
  const job = await getJob(await db(), id);
  if (!job || (job.created_by !== operator.id && !reachesAllSites(operator))) return null;
  return job;
}

/** /jobs: the operator's own jobs, or everyone's for super admins, newest first. */
export async function jobsPage() {
  const operator = await verifySession({ capability: 'people:manage' });
  const database = await db();
  const all = reachesAllSites(operator);
  const jobs = await listJobs(database, all ? null : operator.id, 50);
  const ids = [...new Set(jobs.map((j) => j.created_by))];
  const names = new Map(
    ids.length > 0
      ? (await database.selectFrom('operators').select(['id', 'name']).where('id', 'in', ids).execute()).map(
          (o) => [o.id, o.name] as const,
        )
      : [],
  );
  return { jobs: jobs.map((j) => toJobView(j, names)), all, readAt: Date.now() };
}

/** A job's items for its result CSV, with the outcome of each. */
export async function* jobResultRows(job: Job) {
  for await (const item of jobItems(await db(), job.id)) {
    const input = JSON.parse(item.input) as { line?: number; name?: string; email?: string | null };
    yield [
      input.line ?? item.seq,
      input.name ?? '',
      input.email ?? '',
      item.status,
      item.outcome ?? '',
      item.person_id ?? '',
      item.message ?? '',
    ];
  }
}

/** One item's outcome as a progress view shows it (by its position in the job, as its starter listed the items). */
export interface JobItemView {
  seq: number;
  status: 'pending' | 'running' | 'done' | 'unchanged' | 'failed' | 'cancelled';
  message: string | null;
}

/** A small job's items are sent with its progress (a matrix apply: one per door), so each keeps its own outcome. */
export const ITEMS_WITH_PROGRESS = 500;

export async function smallJobItems(job: Job): Promise<JobItemView[] | undefined> {
  if (Number(job.total) > ITEMS_WITH_PROGRESS) return undefined;
  const rows = await (
    await db()
  )
    .selectFrom('job_items')
    .select(['seq', 'status', 'message'])
    .where('job_id', '=', job.id)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), status: r.status, message: r.message }));
}
