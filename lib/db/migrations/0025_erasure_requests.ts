import type { Kysely } from 'kysely';

/**
 * Erasure requests (issue 31; DPDP Act 2023 s. 12, Rules 2025: answered within 90 days): who the request is about (a
 * Spintly user id — a member or a visitor — and a label that stays readable after the erasure), who asked and when,
 * the day it is due, and how it ended: erased (with what was removed, as counts) or refused (with the reason, e.g. a
 * legal hold).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('erasure_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    /** person | visitor */
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    /** The subject's name until the erasure, then "An erased person (#id)". */
    .addColumn('subject_label', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('delete_in_spintly', 'integer', (c) => c.notNull())
    /** open | erased | refused */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('closed_by_name', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('erasure_requests_status_due')
    .on('erasure_requests')
    .columns(['status', 'due_on'])
    .execute();
}
