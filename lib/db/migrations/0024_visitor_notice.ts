import type { Kysely } from 'kysely';

/**
 * The privacy notice a visitor accepted (issue 31; DPDP Act 2023, s. 5): which version of the notice the front desk
 * showed, and when the visitor accepted it, kept with the visit. Visits registered before have neither.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('visits').addColumn('notice_version', 'text').execute();
  await db.schema.alterTable('visits').addColumn('notice_accepted_at', 'text').execute();
}
