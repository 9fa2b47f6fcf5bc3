import type { Kysely } from 'kysely';

/**
 * Visits: a visitor (a Spintly user with the visitor role), their host, site, window, doors, the Spintly meeting that
 * opens the doors, and a temporary card if one was lent. `request_key` makes a double-submitted registration one
 * visit. And each site's visitor doors, the registration form's default.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_key', 'text', (c) => c.notNull().unique())
    .addColumn('visitor_id', 'integer', (c) => c.notNull())
    .addColumn('visitor_name', 'text', (c) => c.notNull())
    .addColumn('visitor_phone', 'text', (c) => c.notNull())
    .addColumn('visitor_email', 'text')
    .addColumn('host_id', 'integer', (c) => c.notNull())
    .addColumn('host_name', 'text', (c) => c.notNull())
    .addColumn('site_id', 'integer', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('door_ids', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'integer')
    .addColumn('card', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('ended_how', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visits_site_time').on('visits').columns(['site_id', 'starts_at']).execute();
  await db.schema.createIndex('visits_open_end').on('visits').columns(['ended_at', 'ends_at']).execute();
  await db.schema.createIndex('visits_visitor').on('visits').column('visitor_id').execute();
  await db.schema
    .createTable('site_visitor_doors')
    .addColumn('site_id', 'integer', (c) => c.notNull())
    .addColumn('door_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('site_visitor_doors_pk', ['site_id', 'door_id'])
    .execute();
}
