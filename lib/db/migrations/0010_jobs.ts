import type { Kysely } from 'kysely';

/**
 * Bulk work as server-side jobs (an import of people, an offboarding): the job, and one row per item with its input,
 * status, outcome and message. Items are what make a job resumable: after a restart it goes on from the first item
 * not finished, never repeating one that succeeded. And the people directory's identity columns get indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('jobs_status').on('jobs').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('jobs_created_by').on('jobs').columns(['created_by', 'created_at']).execute();
  await db.schema
    .createTable('job_items')
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('message', 'text')
    .addColumn('person_id', 'integer')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('job_items_pk', ['job_id', 'seq'])
    .execute();
  await db.schema.createIndex('job_items_status').on('job_items').columns(['job_id', 'status', 'seq']).execute();
  // An import matches each row to a person by email, phone or employee code: 10,000 rows are 60 indexed lookups.
  for (const column of ['email', 'phone', 'employee_code'])
    await db.schema.createIndex(`people_${column}`).on('people').column(column).execute();
}
