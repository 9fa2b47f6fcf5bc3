import 'server-only';
import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/log';
import { nameTargets } from '../audit/names';
import type { AuditReason, AuditTarget } from '../audit/sentence';
import { explainError } from '../core/refusal';
import type { Database } from '../db/schema';
import { portalEnv } from '../env';
import { importKind } from '../import/apply';
import { spintly } from '../spintly';
import { doorChangeTargets } from '../validation/doors';
import { DOOR_CHANGE_JOB, doorChangeKind, type DoorChangeInput } from './door-change';
import type { Task } from '../worker/runner';
import { offboardKind } from './offboard';
import { peopleBulkKind } from './people-bulk';
import { loadJobOperator, type JobOperator } from './operator';
import { runQueuedJobs, type ItemFailure, type ItemResult, type JobKind } from './runner';

export { JOBS_TASK } from './start';
import { JOBS_TASK } from './start';

/** What an item's audit record is about: its targets with names, and its site. */
type About = (input: unknown, result: ItemOutcome) => Promise<{ targets: AuditTarget[]; siteId: number | null }>;
type ItemOutcome = ItemResult | ItemFailure;

/** A person-centred item (import, offboard, bulk): the person from its outcome, or (when it failed) from its input. */
const aboutPerson: About = async (input, result) => {
  const given = input as { personId?: number | null; name?: string; homeSiteId?: number };
  const personId = ('personId' in result ? result.personId : null) ?? given.personId ?? null;
  const name = ('personName' in result ? result.personName : undefined) ?? given.name;
  const siteId = ('siteId' in result ? result.siteId : undefined) ?? given.homeSiteId ?? null;
  return { targets: personId === null ? [] : [{ type: 'person', id: personId, ...(name && { name }) }], siteId };
};

/** A matrix door item: the door (named from the site's cached door list) and each person with what happened to them. */
const aboutDoorChange =
  (db: Kysely<Database>): About =>
  async (input) => {
    const change = input as DoorChangeInput;
    const doors = await spintly()
      .allAccessPoints(change.siteId)
      .catch(() => []);
    const door = doors.find((d) => d.id === change.doorId);
    const known = new Map(door ? [[`door:${door.id}`, door.name]] : []);
    return { targets: await nameTargets(db, doorChangeTargets(change), known), siteId: change.siteId };
  };

/** Each kind's work, and the audit record of every item under its job (as its starter, like their own actions). */
function kinds(db: Kysely<Database>): Record<string, JobKind<JobOperator>> {
  const audited = (kind: JobKind<JobOperator>, action: string, about: About): JobKind<JobOperator> => ({
    process: kind.process,
    async recorded({ seq, input, result }, { job, operator }) {
      const { targets, siteId } = await about(input, result);
      await writeAudit(db, {
        operatorId: operator.id,
        operatorEmail: operator.email,
        operatorRole: operator.role,
        operatorName: operator.name,
        action,
        targetType: targets[0]?.type ?? null,
        targetIds: targets.map((t) => t.id),
        targets,
        siteId,
        outcome: result.status === 'failed' ? 'failed' : 'ok',
        // A refusal (outside their sites, gone from Spintly, Spintly said no) reads as one, not as a breakage.
        reason: result.status === 'failed' ? result.reason : null,
        spintlyStatus: null,
        durationMs: 0,
        detail:
          `job ${job.id} item ${seq}: ${'outcome' in result ? result.outcome : 'failed'}${result.message ? ` — ${result.message}` : ''}`.slice(
            0,
            500,
          ),
      });
    },
  });
  return {
    import: audited(importKind, 'people.import', aboutPerson),
    offboard: audited(offboardKind, 'people.offboard', aboutPerson),
    'people.bulk': audited(peopleBulkKind, 'people.bulk', aboutPerson),
    // Recorded as the door page's own action records a change, so the log reads the same whichever screen made it.
    [DOOR_CHANGE_JOB]: audited(doorChangeKind, 'permissions.change_door', aboutDoorChange(db)),
  };
}

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
 * Runs queued jobs on the task's leader, one at a time, each with at most half of the write lane
 * (SPINTLY_MAX_CONCURRENCY ÷ 2) so operators at screens always have the other half. Wanted whenever a job waits, so
 * a new job starts within a tick (its creator also asks for a run); a job left running by a stopped process resumes.
 */
export function jobsTask(): Task {
  return {
    name: JOBS_TASK,
    intervalMs: 3_600_000,
    wanted: async ({ db }) =>
      Boolean(await db.selectFrom('jobs').select('id').where('status', 'in', ['queued', 'running']).executeTakeFirst()),
    run: ({ db, now }) =>
      runQueuedJobs({
        db,
        kinds: kinds(db),
        loadOperator: (id) => loadJobOperator(db, id),
        concurrency: jobConcurrency(),
        now,
        describeError: describeItemError,
      }),
  };
}

export const jobConcurrency = () => Math.max(1, Math.floor(portalEnv().spintly.maxConcurrency / 2));
