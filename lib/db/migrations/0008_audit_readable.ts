import type { Kysely } from 'kysely';

/**
 * A readable audit log: the operator's name as it was, each target with its type, name and part in the change (JSON,
 * so a sentence can be written for it and a name searched), and why a refused action was refused.
 * Older records keep null here and read as before (ids only).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('operator_name', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('targets', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('reason', 'text').execute();
}
