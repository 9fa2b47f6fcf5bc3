import type { Kysely } from 'kysely';

/**
 * Operators' second factor (issue 30). `operator_second_factors`: one TOTP secret per operator, encrypted with a key
 * derived from AUTH_SECRET (lib/auth/secret-box.ts); `confirmed_at` null while enrolment waits for its first code;
 * `last_step` the newest 30-second step a code was accepted for, so no step is accepted twice (no replay), on any
 * instance. `operator_backup_codes`: ten one-use codes per enrolment, argon2id-hashed like passwords.
 * `session_step_ups`: when a session last re-entered a code, for the dangerous actions that ask for a fresh one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('operator_second_factors')
    .addColumn('operator_id', 'text', (c) => c.primaryKey().references('operators.id').onDelete('cascade'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('last_step', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('operator_backup_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull().references('operators.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('operator_backup_codes_operator')
    .on('operator_backup_codes')
    .columns(['operator_id'])
    .execute();
  await db.schema
    .createTable('session_step_ups')
    .addColumn('sid', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}
