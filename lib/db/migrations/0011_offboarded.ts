import type { Kysely } from 'kysely';

/**
 * Who was offboarded and when: with `OFFBOARD_DELETE_AFTER_DAYS` set, a background task deletes them from Spintly
 * that many days later (unless they were reactivated meanwhile). Name and site are kept for its audit record.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('offboarded_people')
    .addColumn('person_id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('site_id', 'integer')
    .addColumn('offboarded_at', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('offboarded_people_at').on('offboarded_people').column('offboarded_at').execute();
}
