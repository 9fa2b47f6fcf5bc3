/** The demo's companies from the sandbox's "Company" values, and its company admin. Demo only; run after a sync. */
import { seedDemoCompanies } from '../lib/companies/demo';
import { openDatabase } from '../lib/db';
import { portalEnv } from '../lib/env';
import { createSpintlyClient } from '../lib/spintly/client';

async function main() {
  const db = await openDatabase(portalEnv().databaseUrl);
  // Its own client, its call log on stderr: stdout is the sign-in line the demo prints.
  const spintly = createSpintlyClient({
    ...portalEnv().spintly,
    logSink: (line) => process.stderr.write(`${line}\n`),
  });
  const admin = await seedDemoCompanies(db, spintly, portalEnv().display.timeZone);
  await db.destroy();
  if (admin) console.log(`  ${admin.email.padEnd(24)} ${admin.password}   (company_admin of ${admin.company})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
