/**
 * `npm run operator:create -- --email ops@company.com --role super_admin [--name "Ops Lead"] [--sites 1,2]`
 * Creates an operator for a real deployment and prints a one-time password, to be replaced at first sign-in.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../lib/db';
import { portalEnv } from '../lib/env';
import { operatorStore } from '../lib/operators/store';
import { createOperatorSchema } from '../lib/validation/operators';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      sites: { type: 'string' },
    },
  });
  const parsed = createOperatorSchema.safeParse({
    email: values.email,
    name: values.name ?? values.email?.split('@')[0] ?? '',
    role: values.role,
    siteIds: values.sites ? values.sites.split(',') : [],
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${String(issue.path[0] ?? 'input')}: ${issue.message}`);
    console.error(
      'usage: npm run operator:create -- --email you@company.com --role super_admin|site_admin|front_desk [--name "Name"] [--sites 1,2]',
    );
    return 2;
  }
  const db = await openDatabase(portalEnv().databaseUrl);
  try {
    const { operator, oneTimePassword } = await operatorStore(db).create(parsed.data);
    console.log(
      `Created ${operator.email} (${operator.role}). One-time password, shown once:\n\n  ${oneTimePassword}\n\nThey choose their own password at first sign-in.`,
    );
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await db.destroy();
  }
}

void main().then((code) => process.exit(code));
