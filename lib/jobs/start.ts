import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { requestRun } from '../worker/runner';
import { createJob, type NewItem } from './store';

/** The background task that runs jobs (lib/jobs/index.ts). */
export const JOBS_TASK = 'jobs.run';

/** Writes a job and asks the jobs task's leader (on any instance) to start it at its next tick. */
export async function startJob(
  db: Kysely<Database>,
  job: { kind: string; title: string; createdBy: string; requestedBy: string; items: readonly NewItem[] },
): Promise<string> {
  const id = await createJob(db, job);
  await requestRun(db, JOBS_TASK, job.requestedBy);
  return id;
}
