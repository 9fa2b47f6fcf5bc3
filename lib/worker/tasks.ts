import 'server-only';
import { pruneSessionRevocations } from '../auth/session-revocations';
import { SIGN_IN_WINDOW_MS } from '../auth/sign-in-limit';
import type { Task } from './runner';

/**
 * The portal's own housekeeping. Later work (the people directory's reconcile, activity backfill, bulk jobs, visit
 * expiry) registers its task beside these, in `portalTasks` (lib/tasks.ts).
 */
export function housekeepingTasks(settings: { auditRetentionDays: number }): Task[] {
  const HOUR = 3_600_000;
  return [
    {
      name: 'sessions.prune',
      intervalMs: HOUR,
      run: async ({ db, now }) => ({ removed: await pruneSessionRevocations(db, new Date(now())) }),
    },
    {
      name: 'sign_in_attempts.prune',
      intervalMs: HOUR,
      run: async ({ db, now }) => {
        const before = new Date(now() - SIGN_IN_WINDOW_MS).toISOString();
        const result = await db.deleteFrom('sign_in_attempts').where('at', '<', before).executeTakeFirst();
        return { removed: Number(result.numDeletedRows) };
      },
    },
    {
      name: 'audit.retention',
      intervalMs: 24 * HOUR,
      run: async ({ db, now }) => {
        const before = new Date(now() - settings.auditRetentionDays * 86_400_000).toISOString();
        const result = await db.deleteFrom('audit_log').where('at', '<', before).executeTakeFirst();
        return { removed: Number(result.numDeletedRows) };
      },
    },
    {
      name: 'worker_runs.prune',
      intervalMs: 24 * HOUR,
      run: async ({ db, now }) => {
        const before = new Date(now() - 30 * 86_400_000).toISOString();
        const result = await db.deleteFrom('worker_runs').where('started_at', '<', before).executeTakeFirst();
        const requests = await db.deleteFrom('worker_requests').where('requested_at', '<', before).executeTakeFirst();
        return { removed: Number(result.numDeletedRows), requestsRemoved: Number(requests.numDeletedRows) };
      },
    },
  ];
}

/** A task that only records that it ran: lets tests see "once per interval, on one instance" (PORTAL_WORKER_TEST_TASK_S). */
export function heartbeatTask(intervalS: number): Task {
  return { name: 'test.heartbeat', intervalMs: intervalS * 1000, run: async () => ({ beats: 1 }) };
}
