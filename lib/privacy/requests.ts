import 'server-only';
import type { Kysely, Selectable } from 'kysely';
import type { Database, ErasureRequestsTable } from '../db/schema';

/** Erasure requests: recorded when received, due 90 days later, closed as erased or refused (lib/privacy/erasure.ts). */
export const ANSWER_WITHIN_DAYS = 90;

export type ErasureRequest = ReturnType<typeof toRequest>;

const toRequest = (row: Selectable<ErasureRequestsTable>) => ({
  id: row.id,
  subjectId: Number(row.subject_id),
  subjectKind: row.subject_kind,
  subjectLabel: row.subject_label,
  requestedBy: row.requested_by,
  receivedOn: row.received_on,
  dueOn: row.due_on,
  deleteInSpintly: Number(row.delete_in_spintly) === 1,
  status: row.status,
  outcome: row.outcome,
  recordedByName: row.recorded_by_name,
  recordedAt: row.recorded_at,
  closedByName: row.closed_by_name,
  closedAt: row.closed_at,
});

export async function recordRequest(
  db: Kysely<Database>,
  request: Pick<
    ErasureRequest,
    'id' | 'subjectId' | 'subjectKind' | 'subjectLabel' | 'requestedBy' | 'receivedOn' | 'dueOn' | 'deleteInSpintly'
  >,
  by: { name: string },
  now = new Date(),
) {
  await db
    .insertInto('erasure_requests')
    .values({
      id: request.id,
      subject_id: request.subjectId,
      subject_kind: request.subjectKind,
      subject_label: request.subjectLabel,
      requested_by: request.requestedBy,
      received_on: request.receivedOn,
      due_on: request.dueOn,
      delete_in_spintly: request.deleteInSpintly ? 1 : 0,
      status: 'open',
      outcome: null,
      recorded_by_name: by.name,
      recorded_at: now.toISOString(),
      closed_by_name: null,
      closed_at: null,
    })
    .execute();
}

export async function getRequest(db: Kysely<Database>, id: string) {
  const row = await db.selectFrom('erasure_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRequest(row) : null;
}

/** Open requests first, soonest due first; then the answered ones, newest first. */
export async function listRequests(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('erasure_requests')
    .selectAll()
    .orderBy('status')
    .orderBy('due_on')
    .orderBy('recorded_at', 'desc')
    .limit(500)
    .execute();
  return rows.map(toRequest).sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open'));
}

/** Closes an open request once (a second close, from another tab, changes nothing and answers false). */
export async function closeRequest(
  db: Kysely<Database>,
  id: string,
  close: { status: 'erased' | 'refused'; outcome: string; label?: string; by: { name: string } },
  now = new Date(),
): Promise<boolean> {
  const result = await db
    .updateTable('erasure_requests')
    .set({
      status: close.status,
      outcome: close.outcome,
      closed_by_name: close.by.name,
      closed_at: now.toISOString(),
      ...(close.label && { subject_label: close.label }),
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
