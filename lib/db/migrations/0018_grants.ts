import type { Kysely } from 'kysely';

/**
 * Where each door a person may open comes from (issue 29): one row per grant the portal makes, with its source
 * (`direct` — a screen, an import or Spintly itself before the portal knew; `group`, `company`, `visit` later), who
 * made it, and when it starts and ends. A door is taken away in Spintly only when no other row still gives it.
 * `started_at` is null while a scheduled grant waits for its start; `ended_at` is set when it stops (`ended_how`:
 * `expired` by its end date, `revoked` by someone, `offboarded` with the person).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('door_id', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('granted_by', 'text')
    .addColumn('granted_by_name', 'text')
    .addColumn('reason', 'text')
    .addColumn('starts_at', 'text')
    .addColumn('ends_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('ended_how', 'text')
    .execute();
  await db.schema.createIndex('grants_person_door').on('grants').columns(['person_id', 'door_id']).execute();
  // The expiry task's two questions: what has ended, what should start (both among grants still open).
  await db.schema.createIndex('grants_open_end').on('grants').columns(['ended_at', 'ends_at']).execute();
  await db.schema.createIndex('grants_open_start').on('grants').columns(['started_at', 'starts_at']).execute();
}
