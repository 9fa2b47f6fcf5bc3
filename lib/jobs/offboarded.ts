import 'server-only';
import type { Kysely } from 'kysely';
import { audit } from '../audit/log';
import type { Database } from '../db/schema';
import { refreshPeople } from '../directory';
import { spintly } from '../spintly';
import { SpintlyError } from '../spintly/errors';
import type { Task } from '../worker/runner';

const DAY_MS = 86_400_000;

/**
 * Notes an offboarding. `again`: something changed (a person reactivated since and offboarded anew), so the clock of
 * the deletion starts over; otherwise a first record is kept as it was.
 */
export async function markOffboarded(
  db: Kysely<Database>,
  person: { personId: number; name: string; siteId: number | null; operatorId: string; again: boolean },
  at = new Date(),
) {
  const row = {
    person_id: person.personId,
    name: person.name,
    site_id: person.siteId,
    offboarded_at: at.toISOString(),
    operator_id: person.operatorId,
  };
  await db
    .insertInto('offboarded_people')
    .values(row)
    .onConflict((oc) =>
      person.again
        ? oc.column('person_id').doUpdateSet({ offboarded_at: row.offboarded_at, operator_id: row.operator_id })
        : oc.column('person_id').doNothing(),
    )
    .execute();
}

/** People reactivated are members again: their offboarding no longer leads to a deletion. */
export async function forgetOffboarded(db: Kysely<Database>, personIds: readonly number[]) {
  if (personIds.length > 0) await db.deleteFrom('offboarded_people').where('person_id', 'in', personIds).execute();
}

/**
 * Deletes from Spintly the people offboarded more than `days` ago, one at a time (a handful a day; the write lane is
 * for people at screens). Each is read first: a person gone already is forgotten, one reactivated since is kept, and
 * a deletion Spintly refuses is tried again at the next run. Recorded in the audit log as done for the operator who
 * offboarded them.
 */
export async function deleteOffboarded(db: Kysely<Database>, days: number, now: number, limit = 500) {
  const counts = { deleted: 0, kept: 0, gone: 0, failed: 0 };
  const due = await db
    .selectFrom('offboarded_people')
    .leftJoin('operators', 'operators.id', 'offboarded_people.operator_id')
    .select([
      'offboarded_people.person_id',
      'offboarded_people.name',
      'offboarded_people.site_id',
      'offboarded_people.offboarded_at',
      'offboarded_people.operator_id',
      'operators.email',
      'operators.name as operator_name',
      'operators.role',
    ])
    .where('offboarded_people.offboarded_at', '<', new Date(now - days * DAY_MS).toISOString())
    .orderBy('offboarded_people.offboarded_at')
    .limit(limit)
    .execute();
  const client = spintly();
  for (const row of due) {
    const personId = Number(row.person_id);
    try {
      const user = await client.getUser(personId);
      if (user && user.deactivatedOn === null) counts.kept++;
      else if (!user) counts.gone++;
      else {
        await client.deleteUsers([personId]);
        await refreshPeople([personId]);
        await audit.record(
          db,
          { id: row.operator_id, email: row.email ?? null, role: row.role ?? null, name: row.operator_name ?? null },
          'people.delete',
          {
            outcome: 'ok',
            targets: [{ type: 'person', id: personId, name: user.name }],
            siteId: row.site_id === null ? null : Number(row.site_id),
            spintlyStatus: 200,
            facts: { offboardedOn: row.offboarded_at.slice(0, 10), afterDays: days },
            detail: 'deleted by the portal after the offboarding wait (OFFBOARD_DELETE_AFTER_DAYS)',
          },
        );
        counts.deleted++;
      }
      await forgetOffboarded(db, [personId]);
    } catch (error) {
      if (!(error instanceof SpintlyError)) throw error;
      counts.failed++;
    }
  }
  return counts;
}

/** The daily deletion of offboarded people, when `OFFBOARD_DELETE_AFTER_DAYS` asks for it. */
export function offboardDeleteTask(days: number): Task {
  return {
    name: 'people.offboard_delete',
    intervalMs: 3_600_000,
    run: ({ db, now }) => deleteOffboarded(db, days, now()),
  };
}
