import type { Kysely } from 'kysely';

/**
 * An operator's own sign-ins, newest first, for their account page (issue 30): one index seek per view however long
 * the audit log grows, instead of walking it back by time until ten of theirs turn up.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audit_log_sign_ins')
    .on('audit_log')
    .columns(['action', 'operator_email', 'at'])
    .execute();
}
