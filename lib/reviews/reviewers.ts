import 'server-only';
import type { Kysely } from 'kysely';
import { Refusal } from '../core/refusal';
import type { Database, ReviewerKind } from '../db/schema';

/** The roles that can review (decide keep or revoke); the front desk does not manage access. */
const REVIEWER_ROLES = ['super_admin', 'site_admin', 'company_admin'] as const;

/**
 * A campaign's reviewers, resolved when it starts (later changes to who administers a site do not move a running
 * campaign): the active site admins of the reviewed doors' sites, the active admins of the company, or the named
 * operators (active admins only). Refused when that is nobody, with what to do instead.
 */
export async function resolveReviewers(
  db: Kysely<Database>,
  kind: ReviewerKind,
  scope: { siteIds: readonly number[]; companyId: number | null; operatorIds: readonly string[] },
): Promise<string[]> {
  let ids: string[] = [];
  if (kind === 'site_admins' && scope.siteIds.length > 0)
    ids = (
      await db
        .selectFrom('operators')
        .innerJoin('operator_sites', 'operator_sites.operator_id', 'operators.id')
        .select('operators.id')
        .distinct()
        .where('operators.role', '=', 'site_admin')
        .where('operators.status', '=', 'active')
        .where('operator_sites.site_id', 'in', [...scope.siteIds])
        .execute()
    ).map((r) => r.id);
  if (kind === 'company_admins' && scope.companyId !== null)
    ids = (
      await db
        .selectFrom('operators')
        .innerJoin('operator_companies', 'operator_companies.operator_id', 'operators.id')
        .select('operators.id')
        .where('operators.role', '=', 'company_admin')
        .where('operators.status', '=', 'active')
        .where('operator_companies.company_id', '=', scope.companyId)
        .execute()
    ).map((r) => r.id);
  if (kind === 'named' && scope.operatorIds.length > 0) {
    ids = (
      await db
        .selectFrom('operators')
        .select('id')
        .where('id', 'in', [...scope.operatorIds])
        .where('status', '=', 'active')
        .where('role', 'in', [...REVIEWER_ROLES])
        .execute()
    ).map((r) => r.id);
    if (ids.length !== new Set(scope.operatorIds).size)
      throw new Refusal('Some of the chosen reviewers are disabled or cannot review (front desk). Choose again.', {
        field: 'operatorIds',
      });
  }
  if (ids.length === 0)
    throw new Refusal(
      kind === 'site_admins'
        ? 'These sites have no active site admins to review. Name the reviewers instead.'
        : kind === 'company_admins'
          ? 'This company has no active admins to review. Name the reviewers instead.'
          : 'Choose at least one reviewer.',
      { field: kind === 'named' ? 'operatorIds' : 'reviewerKind' },
    );
  return ids;
}

/** Operators who can be named as reviewers, for the form. */
export async function reviewerChoices(db: Kysely<Database>) {
  return db
    .selectFrom('operators')
    .select(['id', 'name', 'email', 'role'])
    .where('status', '=', 'active')
    .where('role', 'in', [...REVIEWER_ROLES])
    .orderBy('name')
    .execute();
}
