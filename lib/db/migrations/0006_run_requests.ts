import type { Kysely } from 'kysely';

/**
 * "Run this now" for background tasks (an admin's "Sync now"): a request row any instance can write and the task's
 * leader picks up at its next tick, so a run asked for on one instance happens once, on the leader. And the size of
 * a directory walk, so its progress can be shown while it goes.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('worker_requests')
    .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('worker_requests_task').on('worker_requests').columns(['task', 'requested_at']).execute();
  await db.schema.alterTable('directory_syncs').addColumn('pages_total', 'integer').execute();
  await db.schema.alterTable('directory_syncs').addColumn('people', 'integer').execute();
}
