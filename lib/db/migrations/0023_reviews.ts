import type { Kysely } from 'kysely';

/**
 * Access reviews (issue 31): a campaign freezes who could open which doors when it started (`review_items`: person,
 * door, where the access came from, since when, last entry at that door), its reviewers decide keep or revoke per
 * item, revocations are applied by a job (`applied_at`, `outcome` per item), and at the close the items nobody decided
 * follow the campaign's default. The names are copied in, so the evidence reads the same after a person is deleted.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    /** site | company | doors */
    .addColumn('scope_kind', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'integer')
    .addColumn('scope_label', 'text', (c) => c.notNull())
    /** site_admins | company_admins | named */
    .addColumn('reviewer_kind', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    /** keep | revoke: what an item nobody decided becomes at the close. */
    .addColumn('unreviewed', 'text', (c) => c.notNull())
    /** open | closed */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by_name', 'text')
    .execute();
  await db.schema.createIndex('reviews_status_due').on('reviews').columns(['status', 'due_on']).execute();
  await db.schema
    .createTable('review_reviewers')
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id').onDelete('cascade'))
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_reviewers_pk', ['review_id', 'operator_id'])
    .execute();
  await db.schema.createIndex('review_reviewers_operator').on('review_reviewers').columns(['operator_id']).execute();
  await db.schema
    .createTable('review_items')
    .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('person_active', 'integer', (c) => c.notNull())
    .addColumn('door_id', 'integer', (c) => c.notNull())
    .addColumn('door_name', 'text', (c) => c.notNull())
    .addColumn('site_id', 'integer', (c) => c.notNull())
    /** direct, group, visit, spintly (held with no record of why), comma-joined when several. */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('since', 'text')
    /** Epoch seconds of the person's last granted entry at that door, when the event store has one. */
    .addColumn('last_entry_s', 'bigint')
    /** null | keep | revoke */
    .addColumn('decision', 'text')
    .addColumn('comment', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('applied_at', 'text')
    .addColumn('outcome', 'text')
    .execute();
  await db.schema
    .createIndex('review_items_review')
    .on('review_items')
    .columns(['review_id', 'decision', 'person_name', 'id'])
    .execute();
}
