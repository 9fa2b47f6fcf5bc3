import 'server-only';
import type { AuditReason } from '../audit/sentence';
import { explainError } from '../core/refusal';
import { portalEnv } from '../env';
import type { Task } from '../worker/runner';
import type { DefinedJobKind } from './kind';
import { loadJobOperator } from './operator';
import { runQueuedJobs } from './runner';

export { JOBS_TASK } from './start';
import { JOBS_TASK } from './start';

/**
 * What a failed item says: Spintly's and the portal's own messages are written for admins; anything else is not
 * shown. And whether it was refused, as an action would record it.
 */
export function describeItemError(error: unknown): { message: string; reason: AuditReason | null } {
  const explained = explainError(error);
  if (explained) return { message: explained.message, reason: explained.reason };
  console.error(`[jobs] unexpected ${error instanceof Error ? error.name : 'error'} in an item`);
  return {
    message: 'Something went wrong on our side; this item was not finished. Run it again from a new job.',
    reason: null,
  };
}

/**
 * Runs queued jobs of the given kinds (the composition root, lib/tasks.ts, lists them) on the task's leader, one at a time, each with at most half of the write lane
 * (SPINTLY_MAX_CONCURRENCY ÷ 2) so operators at screens always have the other half. Wanted whenever a job waits, so
 * a new job starts within a tick (its creator also asks for a run); a job left running by a stopped process resumes.
 */
export function jobsTask(kinds: readonly DefinedJobKind[]): Task {
  const byName = Object.fromEntries(kinds.map((kind) => [kind.name, kind]));
  return {
    name: JOBS_TASK,
    intervalMs: 3_600_000,
    wanted: async ({ db }) =>
      Boolean(await db.selectFrom('jobs').select('id').where('status', 'in', ['queued', 'running']).executeTakeFirst()),
    run: ({ db, now }) =>
      runQueuedJobs({
        db,
        kinds: byName,
        loadOperator: (id) => loadJobOperator(db, id),
        concurrency: jobConcurrency(),
        now,
        describeError: describeItemError,
      }),
  };
}

export const jobConcurrency = () => Math.max(1, Math.floor(portalEnv().spintly.maxConcurrency / 2));
