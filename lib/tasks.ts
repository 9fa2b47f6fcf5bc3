import 'server-only';
import { activityTasks } from './activity/tasks';
import { companiesExpireTask, companyOffboardKind } from './companies/offboard';
import { directoryTask } from './directory';
import { accessExpireTask } from './grants/expire';
import { groupApplyKind } from './groups/apply';
import { reviewRevokeKind } from './reviews/revoke';
import { groupsFollowTask } from './groups/follow';
import { portalEnv } from './env';
import { importKind } from './import/apply';
import { jobsTask } from './jobs';
import { doorChangeKind } from './jobs/door-change';
import type { DefinedJobKind } from './jobs/kind';
import { offboardKind } from './jobs/offboard';
import { offboardDeleteTask } from './jobs/offboarded';
import { peopleBulkKind } from './jobs/people-bulk';
import { visitorTasks } from './visitors/tasks';
import type { Task } from './worker';
import { heartbeatTask, housekeepingTasks } from './worker/tasks';

/**
 * Every kind of background job: an import's rows, offboardings, bulk changes, the matrix's door changes, companies'
 * ends, access groups' changes.
 */
export const portalJobKinds = (): DefinedJobKind[] => [
  importKind,
  offboardKind,
  peopleBulkKind,
  doorChangeKind,
  companyOffboardKind,
  groupApplyKind,
  reviewRevokeKind,
];

/**
 * Every task the portal runs in the background: the composition root, where features meet the worker engine (which
 * knows none of them), and the job kinds the jobs task runs. A later feature adds its own here.
 */
export function portalTasks(): Task[] {
  const { worker, offboardDeleteAfterDays } = portalEnv();
  return [
    directoryTask(),
    jobsTask(portalJobKinds()),
    ...visitorTasks(),
    companiesExpireTask(portalEnv().display.timeZone),
    accessExpireTask(),
    groupsFollowTask(),
    ...(offboardDeleteAfterDays ? [offboardDeleteTask(offboardDeleteAfterDays)] : []),
    ...activityTasks(),
    ...housekeepingTasks({ auditRetentionDays: worker.auditRetentionDays }),
    ...(worker.testTaskS ? [heartbeatTask(worker.testTaskS)] : []),
  ];
}
