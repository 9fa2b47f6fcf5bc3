import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { operatorStore } from './store';

/** The demo's sign-ins. Created only by `npm run demo` and the end-to-end tests, never by a real deployment. */
export const DEMO_PASSWORD = 'demo-pass-1234';
export const DEMO_OPERATORS = [
  { email: 'admin@demo.local', name: 'Asha Admin', role: 'super_admin', siteIds: [] },
  { email: 'siteadmin@demo.local', name: 'Sanjay Siteadmin', role: 'site_admin', siteIds: [1] },
  { email: 'frontdesk@demo.local', name: 'Farah Frontdesk', role: 'front_desk', siteIds: [1] },
] as const;

export async function seedDemoOperators(db: Kysely<Database>) {
  const store = operatorStore(db);
  for (const operator of DEMO_OPERATORS)
    await store.upsertWithPassword({ ...operator, siteIds: [...operator.siteIds], password: DEMO_PASSWORD });
  return DEMO_OPERATORS.map(({ email, role }) => ({ email, role, password: DEMO_PASSWORD }));
}
