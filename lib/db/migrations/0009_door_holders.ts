import type { Kysely } from 'kysely';

/**
 * How many people can open each door, as the pending scan last counted them (it reads every door's list anyway):
 * the site page shows it beside each door without one Spintly call per door per view.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('door_holders')
    .addColumn('door_id', 'integer', (c) => c.primaryKey())
    .addColumn('site_id', 'integer', (c) => c.notNull())
    .addColumn('holders', 'integer', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .execute();
}
