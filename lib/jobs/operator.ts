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
export async function loadJobOperator(db: Kysely<Database>, id: string): Promise<JobOperator | null> {
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
