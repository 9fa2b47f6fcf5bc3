import 'server-only';
import type { Kysely } from 'kysely';
import type { ScopedOperator } from '../auth/permissions';
import type { Database } from '../db/schema';
import { operatorStore } from '../operators/store';

/** A job acts as the operator who started it, as they are when it runs: role, sites and name for the audit log. */
export interface JobOperator extends ScopedOperator {
  id: string;
  email: string;
  name: string;
}

/** The starter now; null when they were disabled or removed since (their job stops). */
/** The starter id of what the portal does by itself (a company whose end date has passed). */
export const PORTAL_STARTER = 'portal';

export async function loadJobOperator(db: Kysely<Database>, id: string): Promise<JobOperator | null> {
  // What the portal starts by itself (a company whose end date passed) runs with every site, as "The portal".
  if (id === PORTAL_STARTER) return { id, email: '', name: 'The portal', role: 'super_admin', siteIds: [] };
  const operator = await operatorStore(db).get(id);
  if (!operator || operator.status !== 'active') return null;
  return {
    id: operator.id,
    email: operator.email,
    name: operator.name,
    role: operator.role,
    siteIds: operator.siteIds,
  };
}
