import type { Kysely } from 'kysely';

/**
 * Entries per client company and hour, kept as events arrive (like `activity_hourly` per site): the home page's
 * "entries today by company" reads a few dozen rows, not a day of events joined to every company's members. An event
 * counts for the company its person belonged to when it was stored; events stored before this migration count for none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('activity_company_hourly')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('hour_s', 'bigint', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_company_hourly_pk', ['company_id', 'hour_s'])
    .execute();
  await db.schema
    .createIndex('activity_company_hourly_hour')
    .on('activity_company_hourly')
    .columns(['hour_s', 'company_id'])
    .execute();
}
