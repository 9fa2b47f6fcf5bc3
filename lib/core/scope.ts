/**
 * Which part of the organisation an operator reaches, as one value every query, page and check consumes. Made only by
 * `operatorScope` in lib/auth/permissions.ts (the role and site rules live there); everything else reads it through
 * the helpers below, so "every site" and "no site" are never spelled as `[]`, `null` or `-1` again. Spintly's own
 * "an empty list means every site" is translated at its boundary (lib/spintly/scope.ts), never used in the portal.
 *
 * The second dimension is the companies an operator is limited to: a company admin reaches the people of their
 * companies (not everyone at those companies' sites) and the doors of their companies' envelopes.
 */

/** Every site, or exactly these sites (possibly none). */
export type SiteScope = { readonly all: true } | { readonly all: false; readonly sites: readonly number[] };

/** Every company (no limit beyond the sites), or only the people and envelope doors of these companies. */
export type CompanyScope = { readonly all: true } | { readonly all: false; readonly companies: readonly number[] };

export interface Scope {
  readonly sites: SiteScope;
  readonly companies: CompanyScope;
}

export const EVERY_COMPANY: CompanyScope = Object.freeze({ all: true });

export function onlyCompanies(ids: Iterable<number>): CompanyScope {
  return { all: false, companies: [...new Set(ids)].sort((a, b) => a - b) };
}

/** Whether a person of this company (null: of none) is reached under a company limit. */
export function reachesCompany(scope: CompanyScope, companyId: number | null | undefined): boolean {
  if (scope.all) return true;
  return companyId !== null && companyId !== undefined && scope.companies.includes(companyId);
}

export const EVERY_SITE: SiteScope = Object.freeze({ all: true });
export const NO_SITE: SiteScope = Object.freeze({ all: false, sites: Object.freeze([]) });

export function onlySites(ids: Iterable<number>): SiteScope {
  return { all: false, sites: [...new Set(ids)].sort((a, b) => a - b) };
}

/** Whether a site (a door's site, a person's home site) is reached. Null (a person with no home) only by "every site". */
export function reachesSite(scope: SiteScope, siteId: number | null | undefined): boolean {
  if (scope.all) return true;
  return siteId !== null && siteId !== undefined && scope.sites.includes(siteId);
}

/** True when nothing can match: a query can answer "nothing" without asking anyone. */
export function reachesNoSite(scope: SiteScope): boolean {
  return !scope.all && scope.sites.length === 0;
}

/** The scope a list asks for: one requested site (nothing when it is outside the scope), or the whole scope. */
export function narrowToSite(scope: SiteScope, site: number | undefined): SiteScope {
  if (site === undefined) return scope;
  return reachesSite(scope, site) ? onlySites([site]) : NO_SITE;
}

/** The items whose site is reached. */
export function withinScope<T>(scope: SiteScope, items: readonly T[], siteOf: (item: T) => number | null): T[] {
  return scope.all ? [...items] : items.filter((item) => reachesSite(scope, siteOf(item)));
}
