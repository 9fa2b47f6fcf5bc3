import 'server-only';
import type { Kysely } from 'kysely';
import { dialectOf } from '../db';
import type { Database } from '../db/schema';
import { portalEnv } from '../env';
import { postgresLeadership, sqliteLeadership } from './leadership';
import { startWorker, type RunningWorker, type Task } from './runner';
import { activityTasks } from '../activity/tasks';
import { directoryTask } from '../directory';
import { jobsTask } from '../jobs';
import { offboardDeleteTask } from '../jobs/offboarded';
import { visitorTasks } from '../visitors/tasks';
import { processHolder } from './holder';
import { heartbeatTask, housekeepingTasks } from './tasks';

export type { Task, TaskContext, RunningWorker } from './runner';

/** Every task the portal runs in the background. A later feature adds its own here. */
export function portalTasks(): Task[] {
  const { worker, offboardDeleteAfterDays } = portalEnv();
  return [
    directoryTask(),
    jobsTask(),
    ...visitorTasks(),
    ...(offboardDeleteAfterDays ? [offboardDeleteTask(offboardDeleteAfterDays)] : []),
    ...activityTasks(),
    ...housekeepingTasks({ auditRetentionDays: worker.auditRetentionDays }),
    ...(worker.testTaskS ? [heartbeatTask(worker.testTaskS)] : []),
  ];
}

export { processHolder } from './holder';

/** Starts the worker against the portal's database, leading tasks the way its kind of database allows. */
export async function startPortalWorker(db: Kysely<Database>, url: string, holder = processHolder()) {
  const leadership = dialectOf(url) === 'postgres' ? await postgresLeadership(url) : sqliteLeadership(db, holder);
  return startWorker({ db, leadership, tasks: portalTasks(), holder }) satisfies RunningWorker;
}
