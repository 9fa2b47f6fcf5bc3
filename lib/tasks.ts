import 'server-only';
import { activityTasks } from './activity/tasks';
import { directoryTask } from './directory';
import { portalEnv } from './env';
import { jobsTask } from './jobs';
import { offboardDeleteTask } from './jobs/offboarded';
import { visitorTasks } from './visitors/tasks';
import type { Task } from './worker';
import { heartbeatTask, housekeepingTasks } from './worker/tasks';

/**
 * Every task the portal runs in the background: the composition root, where features meet the worker engine (which
 * knows none of them). A later feature adds its own here.
 */
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
