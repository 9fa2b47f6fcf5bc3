import type { Kysely } from 'kysely';

/**
 * Which client companies an audit record is about, so a company admin reads their companies' records and no one
 * else's: written with the record (lib/audit/log.ts decides), looked up through the index like `audit_targets`.
 * Records written before this migration are about no company (nothing is guessed for them).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_companies')
    .addColumn('audit_id', 'text', (c) => c.notNull().references('audit_log.id').onDelete('cascade'))
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_companies_pk', ['audit_id', 'company_id'])
    .execute();
  await db.schema
    .createIndex('audit_companies_company')
    .on('audit_companies')
    .columns(['company_id', 'audit_id'])
    .execute();
}
