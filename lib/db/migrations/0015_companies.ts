import type { Kysely } from 'kysely';

/**
 * Companies: the client companies of a coworking space (issue 28). A company may be linked to one value (`term_id`)
 * of Spintly's custom attribute "Company"; then its members are the people holding that value — read from
 * `people_terms`, which every directory sync keeps — plus any it was given in the portal (`company_members`). Its
 * envelope (`company_doors`) is the set of doors its people may be given; `operator_companies` limits a company
 * admin to theirs.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('people_terms')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('term_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('people_terms_pk', ['person_id', 'term_id'])
    .execute();
  await db.schema.createIndex('people_terms_term').on('people_terms').columns(['term_id', 'person_id']).execute();
  // Every attribute value the directory has seen on someone, with its names: what a company can be linked to.
  await db.schema
    .createTable('directory_terms')
    .addColumn('term_id', 'integer', (c) => c.primaryKey())
    .addColumn('attribute_name', 'text', (c) => c.notNull())
    .addColumn('term_name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('companies')
    .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_sort', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    /** Days (YYYY-MM-DD) in the portal's zone; access ends at the end of `valid_until`. */
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('term_id', 'integer', (c) => c.unique())
    .addColumn('term_name', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('companies_until').on('companies').columns(['status', 'valid_until']).execute();

  for (const [table, column] of [
    ['company_sites', 'site_id'],
    ['company_doors', 'door_id'],
  ] as const)
    await db.schema
      .createTable(table)
      .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn(column, 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['company_id', column])
      .execute();

  // One company per person held in the portal (a company without a Spintly term keeps its members here).
  await db.schema
    .createTable('company_members')
    .addColumn('person_id', 'integer', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('company_members_company').on('company_members').columns(['company_id']).execute();

  await db.schema
    .createTable('operator_companies')
    .addColumn('operator_id', 'text', (c) => c.notNull().references('operators.id').onDelete('cascade'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('operator_companies_pk', ['operator_id', 'company_id'])
    .execute();
}
