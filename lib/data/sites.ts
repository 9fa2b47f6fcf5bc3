import 'server-only';
import { notFound } from 'next/navigation';
import type { z } from 'zod';
import { siteInScope, sitesInScope } from '../auth/permissions';
import { verifySession, type SessionOperator } from '../auth/session';
import { spintly } from '../spintly';
import { searchAndPageSchema } from '../validation/query';

/** What pages know of a site. */
export interface SiteOption {
  id: number;
  name: string;
  location: string | null;
}

/** Every site of the organisation (for super admins choosing operators' sites). */
export async function allSiteOptions(): Promise<SiteOption[]> {
  const sites = await spintly().allSites();
  return sites.map(({ id, name, location }) => ({ id, name, location }));
}

/** The sites this operator reaches. */
export async function siteOptionsFor(operator: SessionOperator): Promise<SiteOption[]> {
  return sitesInScope(operator, await allSiteOptions());
}

export interface SiteRow extends SiteOption {
  doorCount: number;
}

/** The sites page: each site in scope with its number of doors (door lists come from the client's cache). */
export async function sitesPage(): Promise<SiteRow[]> {
  const operator = await verifySession({ capability: 'sites:read' });
  const sites = await siteOptionsFor(operator);
  const counts = await Promise.all(sites.map((site) => spintly().allAccessPoints(site.id).then((doors) => doors.length)));
  return sites.map((site, i) => ({ ...site, doorCount: counts[i] ?? 0 }));
}

export const DOORS_PAGE_SIZE = 25;

/** A site's doors page: `?search=&page=`. */
export const siteDoorsQuerySchema = searchAndPageSchema;

/** A site's doors, searched and paged by Spintly; 404 when the site is not the operator's. */
export async function siteDoorsPage(siteId: number, query: z.output<typeof siteDoorsQuerySchema>) {
  const operator = await verifySession({ capability: 'sites:read' });
  if (!siteInScope(operator, siteId)) notFound();
  const [sites, doors] = await Promise.all([
    allSiteOptions(),
    spintly().listAccessPoints(siteId, { page: query.page, perPage: DOORS_PAGE_SIZE, ...(query.search && { search: query.search }) }),
  ]);
  const site = sites.find((s) => s.id === siteId);
  if (!site) notFound();
  return {
    site,
    doors: doors.items.map(({ id, name }) => ({ id, name })),
    total: doors.pagination.total,
    page: query.page,
    perPage: DOORS_PAGE_SIZE,
  };
}
