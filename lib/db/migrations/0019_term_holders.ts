import { sql, type Kysely } from 'kysely';

/**
 * How many people hold each attribute value, kept with the value (`directory_terms.holders`) as the directory writes
 * people: the companies list reads one number per company instead of counting thousands of index entries per company
 * on every view (7 ms of /companies' 38 at 100,000 people). Counted once here for what is already stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('directory_terms')
    .addColumn('holders', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update directory_terms set holders = (select count(*) from people_terms pt where pt.term_id = directory_terms.term_id)`.execute(
    db,
  );
}
