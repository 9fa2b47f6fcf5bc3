import type { Kysely } from 'kysely';

/**
 * "Access ending within 7 days" on the home page (issue 32): active people whose access ends in a range. With only
 * (active, home_site_id) and (access_expires_at, id), SQLite chose the first and read every active person — 78 ms a
 * view at 100,000 people; one index on both columns answers it with a range seek.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('people_active_expiry').on('people').columns(['active', 'access_expires_at']).execute();
}
