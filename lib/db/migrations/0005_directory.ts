import { sql, type Kysely } from 'kysely';

/**
 * The people directory (lib/directory): the portal's own copy of Spintly's people, so lists filter, sort, count and
 * search 100,000 people without asking Spintly. `search_text` is what the search box matches (name, email, phone,
 * employee code, card number), indexed by trigrams: SQLite's FTS5 trigram tokenizer, Postgres' pg_trgm.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('people')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_sort', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('employee_code', 'text')
    .addColumn('home_site_id', 'integer')
    .addColumn('role_names', 'text', (c) => c.notNull())
    .addColumn('card', 'text')
    .addColumn('access_expires_at', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('is_signed_up', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    /** What Spintly said, hashed: a reconcile counts a row as changed only when this differs. */
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    /** The sync that first missed this person; a second complete walk that misses them too removes them. */
    .addColumn('missing_since_sync', 'integer')
    .execute();
  for (const [name, columns] of [
    ['people_site_name', ['home_site_id', 'name_sort', 'id']],
    ['people_name', ['name_sort', 'id']],
    ['people_created', ['created_at', 'id']],
    ['people_expiry', ['access_expires_at', 'id']],
    ['people_card', ['card']],
    ['people_active', ['active', 'home_site_id']],
  ] as const)
    await db.schema
      .createIndex(name)
      .on('people')
      .columns([...columns])
      .execute();

  await db.schema
    .createTable('people_roles')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('role_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('people_roles_pk', ['person_id', 'role_id'])
    .execute();
  await db.schema.createIndex('people_roles_role').on('people_roles').columns(['role_id', 'person_id']).execute();

  if (dialect === 'sqlite') {
    await sql`create virtual table people_search using fts5(search_text, tokenize = 'trigram')`.execute(db);
  } else {
    // Database-wide, so in `public` whichever schema the portal's tables are in.
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    await sql`create index people_search_trgm on people using gin (search_text public.gin_trgm_ops)`.execute(db);
  }

  await db.schema
    .createTable('directory_syncs')
    .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('added', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
}
