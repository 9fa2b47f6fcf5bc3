import 'server-only';
import { companyScope, type ScopedOperator } from '../auth/permissions';
import { envelopeOf } from '../companies/members';
import { db } from '../db';

/**
 * The doors an operator may give, for the pages that offer doors (person form, doors page, matrix, visitor form):
 * null = any door at their sites; a company admin only their companies' envelope doors. The actions check the same
 * rule again (lib/auth/scope.ts); this only keeps the pages from offering what would be refused.
 */
export async function grantableDoors(operator: ScopedOperator): Promise<ReadonlySet<number> | null> {
  const companies = companyScope(operator);
  return companies.all ? null : envelopeOf(await db(), companies.companies);
}

/** The doors of a list the operator may give. */
export function onlyGrantable<T extends { id: number }>(doors: readonly T[], grantable: ReadonlySet<number> | null) {
  return grantable ? doors.filter((d) => grantable.has(d.id)) : [...doors];
}
