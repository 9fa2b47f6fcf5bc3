import 'server-only';
import type { Kysely } from 'kysely';
import { audit, THE_PORTAL } from '../audit/log';
import type { Database } from '../db/schema';
import { refreshPeople } from '../directory';
import { portalEnv } from '../env';
import { spintly } from '../spintly';
import { SpintlyError } from '../spintly/errors';
import type { Task } from '../worker/runner';
import { endVisit } from './service';
import { forgetVisitor, visitorsToForget, visitsToExpire } from './store';

/** How the background's own changes are signed in the audit log. */
/**
 * Ends visits whose window is over, within a minute of their end: meeting deleted, lent card and its doors taken back,
 * visitor deactivated. A visit Spintly refuses to end now is tried again at the next run.
 */
export async function expireVisits(db: Kysely<Database>, now: Date, client = spintly().background) {
  const counts = { expired: 0, failed: 0 };
  for (const visit of await visitsToExpire(db, now)) {
    let outcome: 'ok' | 'failed' = 'ok';
    try {
      await endVisit(db, client, visit, 'expired', now);
      counts.expired++;
    } catch (error) {
      if (!(error instanceof SpintlyError)) throw error;
      outcome = 'failed';
      counts.failed++;
    }
    await audit.record(db, THE_PORTAL, 'visitors.expire', {
      outcome,
      targets: [{ type: 'person', id: visit.visitorId, name: visit.visitorName }],
      siteId: visit.siteId,
      facts: { visit: visit.id, card: visit.card ?? null },
    });
  }
  return counts;
}

/** Deletes visitors (in Spintly and here) whose last visit ended more than VISITOR_RETENTION_DAYS ago. */
export async function forgetOldVisitors(db: Kysely<Database>, now: Date, client = spintly().background) {
  const before = new Date(now.getTime() - portalEnv().visitors.retentionDays * 86_400_000);
  const counts = { deleted: 0, failed: 0 };
  for (const visitorId of await visitorsToForget(db, before)) {
    try {
      if (await client.getUser(visitorId)) await client.deleteUsers([visitorId]);
    } catch (error) {
      if (!(error instanceof SpintlyError)) throw error;
      counts.failed++;
      continue;
    }
    await forgetVisitor(db, visitorId);
    await refreshPeople([visitorId]);
    await audit.record(db, THE_PORTAL, 'visitors.forget', {
      outcome: 'ok',
      targets: [{ type: 'person', id: visitorId }],
      facts: { afterDays: portalEnv().visitors.retentionDays },
    });
    counts.deleted++;
  }
  return counts;
}

export function visitorTasks(): Task[] {
  return [
    {
      name: 'visitors.expire',
      intervalMs: 60_000,
      run: ({ db, now }) => expireVisits(db, new Date(now())),
    },
    {
      name: 'visitors.retention',
      intervalMs: 24 * 3_600_000,
      run: ({ db, now }) => forgetOldVisitors(db, new Date(now())),
    },
  ];
}
