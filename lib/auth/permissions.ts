/**
 * Who may do what, and where. Pure functions, no I/O: the action factory, the data layer and the navigation all
 * ask these, so the rules live in one place.
 *
 * The scope rule: a super admin reaches every site. Anyone else reaches only the sites assigned to them; a person
 * (a Spintly user) is in scope when their home site is, a door when its site is. A person with no home site is
 * reachable by super admins only.
 */
import {
  EVERY_SITE,
  narrowToSite,
  onlySites,
  reachesSite,
  withinScope,
  type Scope,
  type SiteScope,
} from '../core/scope';
import type { OperatorRole } from '../db/schema';

export type { OperatorRole };

export const ROLE_LABELS: Record<OperatorRole, string> = {
  super_admin: 'Super admin',
  site_admin: 'Site admin',
  front_desk: 'Front desk',
};

export type Capability =
  | 'account'
  | 'operators:manage'
  | 'audit:read'
  | 'sites:read'
  /** The people list (/users) and its bulk actions; the front desk finds people at /front-desk instead. */
  | 'people:list'
  | 'people:read'
  | 'people:write'
  | 'permissions:read'
  | 'permissions:write'
  | 'cards:read'
  | 'cards:write'
  /** What happened at the doors (/activity): everyone, at their sites. */
  | 'activity:read'
  /** Visitors (/visitors): register, extend, change doors, end — everyone, at their sites. */
  | 'visitors:write'
  /** Client companies (/companies): their people, door envelope and end date — admins, at their sites. */
  | 'companies:read'
  | 'companies:write';

const CAPABILITIES: Record<OperatorRole, readonly Capability[]> = {
  super_admin: [
    'account',
    'operators:manage',
    'audit:read',
    'sites:read',
    'people:list',
    'people:read',
    'people:write',
    'permissions:read',
    'permissions:write',
    'cards:read',
    'cards:write',
    'activity:read',
    'visitors:write',
    'companies:read',
    'companies:write',
  ],
  site_admin: [
    'account',
    'audit:read',
    'sites:read',
    'people:list',
    'people:read',
    'people:write',
    'permissions:read',
    'permissions:write',
    'cards:read',
    'cards:write',
    'activity:read',
    'visitors:write',
    'companies:read',
    'companies:write',
  ],
  // Front desk finds people, sees their doors read-only, issues, replaces and takes back cards, and handles visitors.
  front_desk: ['account', 'people:read', 'permissions:read', 'cards:write', 'activity:read', 'visitors:write'],
};

export interface ScopedOperator {
  role: OperatorRole;
  siteIds: readonly number[];
}

export function can(operator: ScopedOperator, capability: Capability): boolean {
  return CAPABILITIES[operator.role].includes(capability);
}

export function reachesAllSites(operator: ScopedOperator): boolean {
  return operator.role === 'super_admin';
}

/** The one place an operator's role and sites become a scope: super admins reach every site, others their own. */
export function operatorScope(operator: ScopedOperator): Scope {
  return { sites: reachesAllSites(operator) ? EVERY_SITE : onlySites(operator.siteIds) };
}

export function siteScope(operator: ScopedOperator): SiteScope {
  return operatorScope(operator).sites;
}

export function siteInScope(operator: ScopedOperator, siteId: number): boolean {
  return reachesSite(siteScope(operator), siteId);
}

export function personInScope(operator: ScopedOperator, person: { homeSiteId: number | null }): boolean {
  return reachesSite(siteScope(operator), person.homeSiteId);
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
