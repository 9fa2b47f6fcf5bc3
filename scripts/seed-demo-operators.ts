/** Creates (or resets) the three demo operators in the portal's database. Demo and end-to-end tests only. */
import { openDatabase } from '../lib/db';
import { portalEnv } from '../lib/env';
import { seedDemoOperators } from '../lib/operators/demo';

async function main() {
  const db = await openDatabase(portalEnv().databaseUrl);
  const seeded = await seedDemoOperators(db);
  await db.destroy();
  if (process.argv.includes('--quiet')) return;
  for (const { email, role, password } of seeded) console.log(`  ${email.padEnd(24)} ${password}   (${role})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
