import type { Kysely } from 'kysely';

/**
 * Sessions ended on the server: sign-out writes its session id here, and every check refuses a cookie whose `sid` is
 * listed. A row is kept until the token it ends would have expired anyway, then pruned.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('session_revocations')
    .addColumn('sid', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_revocations_expires').on('session_revocations').column('expires_at').execute();
}
