/**
 * `npm run db:migrate`: brings the portal's database (DATABASE_URL, SQLite by default) up to the schema this code
 * needs. Web instances never migrate; they refuse to start until this has run. Safe to run from several machines at
 * once: the migrator holds a lock while it works.
 */
import { dialectOf, migrate, openDatabase } from '../lib/db';
import { portalEnv } from '../lib/env';

async function main() {
  const url = portalEnv().databaseUrl;
  const db = await openDatabase(url, { migrate: false });
  try {
    const applied = await migrate(db, dialectOf(url));
    console.log(
      applied.length === 0 ? 'The database schema is current.' : `Applied ${applied.length}: ${applied.join(', ')}.`,
    );
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
