import type { Kysely } from 'kysely';

/**
 * Access groups (issue 29): a named set of doors, across sites, given to its members — people, and companies (each of
 * their members). A door keeps its site (`access_group_doors.site_id`) so scope checks read no Spintly list. Each
 * membership has optional `starts_at`/`ends_at`; its grants (`grants.source = 'group'`, `source_id` = the membership)
 * carry the same times, so the expiry task starts and ends them like any other. A removed membership keeps its row
 * (`removed_at`) so the Why? and the audit can still name it. `access_group_failures` is the last thing Spintly
 * refused for a member's doors, shown on the group page until a later apply succeeds.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('access_groups')
    .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_sort', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('access_group_doors')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('access_groups.id').onDelete('cascade'))
    .addColumn('door_id', 'integer', (c) => c.notNull())
    .addColumn('site_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_group_doors_pk', ['group_id', 'door_id'])
    .execute();
  await db.schema.createIndex('access_group_doors_door').on('access_group_doors').columns(['door_id']).execute();
  await db.schema
    .createTable('access_group_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'integer', (c) => c.notNull().references('access_groups.id').onDelete('cascade'))
    .addColumn('person_id', 'integer')
    .addColumn('company_id', 'integer')
    .addColumn('starts_at', 'text')
    .addColumn('ends_at', 'text')
    .addColumn('added_by', 'text')
    .addColumn('added_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute();
  await db.schema
    .createIndex('access_group_members_group')
    .on('access_group_members')
    .columns(['group_id', 'removed_at'])
    .execute();
  await db.schema
    .createIndex('access_group_members_person')
    .on('access_group_members')
    .columns(['person_id'])
    .execute();
  await db.schema
    .createTable('access_group_failures')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('access_groups.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_group_failures_pk', ['group_id', 'person_id'])
    .execute();
  // The source-filtered questions: a membership's grants, a person's grants of a source.
  await db.schema.createIndex('grants_source').on('grants').columns(['source_id', 'ended_at']).execute();
}
