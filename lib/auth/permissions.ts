/**
 * Who may do what, and where. Pure functions, no I/O: the action factory, the data layer and the navigation all
 * ask these, so the rules live in one place.
 *
 * The scope rule: a super admin reaches every site. Anyone else reaches only the sites assigned to them; a person
 * (a Spintly user) is in scope when their home site is, a door when its site is. A person with no home site is
 * reachable by super admins only.
 */
import {
  EVERY_COMPANY,
  EVERY_SITE,
  narrowToSite,
  onlyCompanies,
  onlySites,
  reachesCompany,
  reachesSite,
  withinScope,
  type CompanyScope,
  type Scope,
  type SiteScope,
} from '../core/scope';
import type { OperatorRole } from '../db/schema';

export type { OperatorRole };

export const ROLE_LABELS: Record<OperatorRole, string> = {
  super_admin: 'Super admin',
  site_admin: 'Site admin',
  front_desk: 'Front desk',
  company_admin: 'Company admin',
};

export type Capability =
  | 'account'
  | 'operators:manage'
  | 'audit:read'
  | 'sites:read'
  /** A site's own settings (its visitor doors): admins of the site, never a company admin. */
  | 'sites:configure'
  /** The people list (/users) and its bulk actions; the front desk finds people at /front-desk instead. */
  | 'people:list'
  | 'people:read'
  /** Add and edit people, activate and deactivate them. */
  | 'people:write'
  /** Delete people, import, offboard and change many at once (jobs). */
  | 'people:manage'
  | 'permissions:read'
  | 'permissions:write'
  | 'cards:read'
  | 'cards:write'
  /** What happened at the doors (/activity): everyone, at their sites; a company admin, their people's entries only. */
  | 'activity:read'
  /** Door activity counted per site and door (the home page's figures): not per person, so not for company admins. */
  | 'activity:doors'
  /** Visitors (/visitors): register, extend, change doors, end — everyone, at their sites; a company admin, the
   *  visitors of their people. */
  | 'visitors:write'
  /** Client companies (/companies): their people, door envelope and end date — admins, at their sites. */
  | 'companies:read'
  | 'companies:write'
  /** Access groups (/access-groups): see them — admins, the groups inside their sites (a company admin: their envelope). */
  | 'groups:read'
  /** Create groups and change their doors: admins, for groups whose doors are all at their sites. */
  | 'groups:write'
  /** Add and remove members: admins; a company admin, their own people to groups inside their envelope. */
  | 'groups:members'
  /** Access reviews they take part in (/reviews): decide keep or revoke, apply, close — admins and company admins. */
  | 'reviews:read'
  /** Start access reviews of their sites, companies or doors: super and site admins. */
  | 'reviews:manage'
  /** The auditor's pack (/reports) for their sites: super and site admins. */
  | 'reports:read'
  /** Erasure requests (/privacy): super admins only — they reach every site a person may have been seen at. */
  | 'privacy:manage';

const CAPABILITIES: Record<OperatorRole, readonly Capability[]> = {
  super_admin: [
    'account',
    'operators:manage',
    'audit:read',
    'sites:read',
    'sites:configure',
    'people:list',
    'people:read',
    'people:write',
    'people:manage',
    'permissions:read',
    'permissions:write',
    'cards:read',
    'cards:write',
    'activity:read',
    'activity:doors',
    'visitors:write',
    'companies:read',
    'companies:write',
    'groups:read',
    'groups:write',
    'groups:members',
    'reviews:read',
    'reviews:manage',
    'reports:read',
    'privacy:manage',
  ],
  site_admin: [
    'account',
    'audit:read',
    'sites:read',
    'sites:configure',
    'people:list',
    'people:read',
    'people:write',
    'people:manage',
    'permissions:read',
    'permissions:write',
    'cards:read',
    'cards:write',
    'activity:read',
    'activity:doors',
    'visitors:write',
    'companies:read',
    'companies:write',
    'groups:read',
    'groups:write',
    'groups:members',
    'reviews:read',
    'reviews:manage',
    'reports:read',
  ],
  // Front desk finds people, sees their doors read-only, issues, replaces and takes back cards, and handles visitors.
  front_desk: [
    'account',
    'people:read',
    'permissions:read',
    'cards:write',
    'activity:read',
    'activity:doors',
    'visitors:write',
  ],
  // A client company's own admin: its people only (add, edit, activate, deactivate), doors from its envelope only, their
  // entries at the doors, their people's visitors and the audit records about them; no deleting, bulk jobs, physical
  // cards (nor a desk card for a visitor), other companies, operators, site settings or the envelope itself.
  company_admin: [
    'account',
    'audit:read',
    'people:list',
    'people:read',
    'people:write',
    'permissions:read',
    'permissions:write',
    'cards:read',
    'activity:read',
    'visitors:write',
    'companies:read',
    'groups:read',
    'groups:members',
    'reviews:read',
  ],
};

export interface ScopedOperator {
  role: OperatorRole;
  siteIds: readonly number[];
  /** A company admin's companies (their `siteIds` are those companies' sites). */
  companyIds?: readonly number[] | undefined;
}

export function can(operator: ScopedOperator, capability: Capability): boolean {
  return CAPABILITIES[operator.role].includes(capability);
}

export function reachesAllSites(operator: ScopedOperator): boolean {
  return operator.role === 'super_admin';
}

/**
 * The one place an operator's role, sites and companies become a scope: super admins reach every site, others their
 * own; a company admin is further limited to their companies' people and envelope doors.
 */
export function operatorScope(operator: ScopedOperator): Scope {
  return {
    sites: reachesAllSites(operator) ? EVERY_SITE : onlySites(operator.siteIds),
    companies: operator.role === 'company_admin' ? onlyCompanies(operator.companyIds ?? []) : EVERY_COMPANY,
  };
}

export function siteScope(operator: ScopedOperator): SiteScope {
  return operatorScope(operator).sites;
}

export function companyScope(operator: ScopedOperator): CompanyScope {
  return operatorScope(operator).companies;
}

/** True for an operator limited to some companies' people and doors (a company admin). */
export const limitedToCompanies = (operator: ScopedOperator): boolean => !companyScope(operator).all;

export function siteInScope(operator: ScopedOperator, siteId: number): boolean {
  return reachesSite(siteScope(operator), siteId);
}

/**
 * A person is in scope when their home site is; for a company admin, when they are a member of one of the admin's
 * companies (`companyId`, which a caller that has not looked it up leaves out — and then the answer is no).
 */
export function personInScope(
  operator: ScopedOperator,
  person: { homeSiteId: number | null; companyId?: number | null | undefined },
): boolean {
  const { sites, companies } = operatorScope(operator);
  return companies.all ? reachesSite(sites, person.homeSiteId) : reachesCompany(companies, person.companyId);
}

export function doorInScope(operator: ScopedOperator, door: { siteId: number }): boolean {
  return siteInScope(operator, door.siteId);
}

/** The sites an operator sees, out of all the organisation's sites. */
export function sitesInScope<T extends { id: number }>(operator: ScopedOperator, sites: readonly T[]): T[] {
  return withinScope(siteScope(operator), sites, (site) => site.id);
}

/** The sites a list shows: the one asked for (nothing when it is outside the operator's), or all of theirs. */
export function requestedSites(operator: ScopedOperator, requested: number | undefined): SiteScope {
  return narrowToSite(siteScope(operator), requested);
}
