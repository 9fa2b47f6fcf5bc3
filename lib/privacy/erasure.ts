import 'server-only';
import type { Kysely } from 'kysely';
import type { AuditTarget } from '../audit/sentence';
import { targetNames } from '../audit/sentence';
import type { Database } from '../db/schema';
import { directoryChanged } from '../directory/store';

/**
 * What the portal holds about one person or visitor (a Spintly user id), and erasing it. Erasure removes what names
 * them and keeps what is counted: the directory row and company memberships go; visits keep their times, site and
 * doors with "An erased person" for the name and no phone or email; access events keep their ids, times and doors with
 * no person; audit records keep the action, outcome and time with "an erased person" where they named them (targets,
 * the "about" search, and a visit's visitor in its facts); offboarding and review rows keep the row without the name;
 * import and job rows keep their outcome without their input.
 */
export const ERASED = 'An erased person';
const ERASED_IN_SENTENCE = 'an erased person';

export interface Holdings {
  directory: boolean;
  name: string | null;
  visits: number;
  hostedVisits: number;
  events: number;
  auditRecords: number;
  jobRows: number;
}

/** Rows of `table` whose `column` is the subject: one indexed count each. */
async function countOf(
  db: Kysely<Database>,
  table: 'visits' | 'access_events' | 'audit_targets' | 'job_items',
  column: 'visitor_id' | 'host_id' | 'person_id' | 'target_id',
  value: number | string,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column as never, '=', value as never)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function holdingsOf(db: Kysely<Database>, subjectId: number): Promise<Holdings> {
  const [person, visit, visits, hostedVisits, events, auditRecords, jobRows] = await Promise.all([
    db.selectFrom('people').select('name').where('id', '=', subjectId).executeTakeFirst(),
    db
      .selectFrom('visits')
      .select('visitor_name')
      .where('visitor_id', '=', subjectId)
      .orderBy('created_at', 'desc')
      .executeTakeFirst(),
    countOf(db, 'visits', 'visitor_id', subjectId),
    countOf(db, 'visits', 'host_id', subjectId),
    countOf(db, 'access_events', 'person_id', subjectId),
    countOf(db, 'audit_targets', 'target_id', String(subjectId)),
    countOf(db, 'job_items', 'person_id', subjectId),
  ]);
  const name = person?.name ?? (visit && visit.visitor_name !== ERASED ? visit.visitor_name : null);
  return { directory: person !== undefined, name, visits, hostedVisits, events, auditRecords, jobRows };
}

/** Erases the portal's copies (Spintly's own is the caller's to delete first). Returns what changed, as counts. */
export async function eraseCopies(db: Kysely<Database>, subjectId: number, name: string | null) {
  const held = await holdingsOf(db, subjectId);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('people_terms').where('person_id', '=', subjectId).execute();
    await tx.deleteFrom('people').where('id', '=', subjectId).execute();
    await tx.deleteFrom('company_members').where('person_id', '=', subjectId).execute();
    await tx
      .updateTable('visits')
      .set({ visitor_name: ERASED, visitor_phone: '', visitor_email: null })
      .where('visitor_id', '=', subjectId)
      .execute();
    await tx.updateTable('visits').set({ host_name: ERASED }).where('host_id', '=', subjectId).execute();
    await tx.updateTable('access_events').set({ person_id: null }).where('person_id', '=', subjectId).execute();
    await tx.updateTable('offboarded_people').set({ name: ERASED }).where('person_id', '=', subjectId).execute();
    await tx.updateTable('review_items').set({ person_name: ERASED }).where('person_id', '=', subjectId).execute();
    await tx.updateTable('job_items').set({ input: '{}', message: null }).where('person_id', '=', subjectId).execute();
  });
  directoryChanged();
  const audited = await pseudonymiseAudit(db, subjectId, name);
  return { ...held, auditRecords: audited };
}

/** The audit records that named the person: their name becomes "an erased person"; action, outcome and time stay. */
async function pseudonymiseAudit(db: Kysely<Database>, subjectId: number, name: string | null) {
  const records = await db
    .selectFrom('audit_log')
    .select(['id', 'targets', 'facts'])
    .where('id', 'in', db.selectFrom('audit_targets').select('audit_id').where('target_id', '=', String(subjectId)))
    .execute();
  let changed = 0;
  for (const record of records) {
    const targets = record.targets ? (JSON.parse(record.targets) as AuditTarget[]) : [];
    let touched = false;
    const renamed = targets.map((t) => {
      if (t.type !== 'person' || Number(t.id) !== subjectId) return t;
      touched = true;
      return { ...t, name: ERASED_IN_SENTENCE };
    });
    let facts = record.facts;
    if (facts && name) {
      const parsed = JSON.parse(facts) as Record<string, unknown>;
      if (parsed.visitor === name) {
        parsed.visitor = ERASED_IN_SENTENCE;
        facts = JSON.stringify(parsed);
        touched = true;
      }
    }
    if (!touched) continue;
    await db
      .updateTable('audit_log')
      .set({ targets: JSON.stringify(renamed), target_names: targetNames(renamed), facts })
      .where('id', '=', record.id)
      .execute();
    changed++;
  }
  return changed;
}

/** The outcome in words, for the request's record (counts, never contents). */
export function outcomeText(deletedInSpintly: boolean, erased: Holdings & { auditRecords: number }): string {
  return [
    deletedInSpintly ? 'deleted in Spintly' : 'kept in Spintly (not asked)',
    erased.directory ? 'directory row removed' : 'no directory row',
    `${erased.visits} ${erased.visits === 1 ? 'visit' : 'visits'} and ${erased.hostedVisits} hosted without the name`,
    `${erased.events} access ${erased.events === 1 ? 'event' : 'events'} kept without the person`,
    `${erased.auditRecords} audit ${erased.auditRecords === 1 ? 'record' : 'records'} say “an erased person”`,
    `${erased.jobRows} job ${erased.jobRows === 1 ? 'row' : 'rows'} without their input`,
  ].join('; ');
}
