import 'server-only';
import { notFound } from 'next/navigation';
import { can, personInScope, siteInScope, sitesInScope } from '../auth/permissions';
import { verifySession, type SessionOperator } from '../auth/session';
import { spintly } from '../spintly';

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

/** A site's doors, searched and paged by Spintly; 404 when the site is not the operator's. */
export async function siteDoorsPage(siteId: number, query: { search?: string | undefined; page: number }) {
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

export interface DoorPerson {
  id: number;
  name: string;
  email: string | null;
  employeeCode: string | null;
  pendingAction?: 'grant' | 'revoke';
  pendingSince?: string;
}

export const DOOR_HOLDERS_PAGE_SIZE = 50;

const byName = new Intl.Collator('en', { sensitivity: 'base' });

/**
 * Who can open a door and whose change there is pending. People outside the operator's sites are only counted.
 * Spintly answers with every holder at once (thousands at a busy door), so the page gets one page of them, found by
 * name, email or employee code and sorted by name; the pending list is short and comes whole.
 */
export async function doorPage(
  siteId: number,
  doorId: number,
  query: { search?: string | undefined; page: number } = { page: 1 },
) {
  const operator = await verifySession({ capability: 'sites:read' });
  if (!siteInScope(operator, siteId)) notFound();
  const client = spintly();
  const [doors, sites, holders] = await Promise.all([
    client.allAccessPoints(siteId),
    allSiteOptions(),
    client.doorUsers(doorId).catch(() => null),
  ]);
  const door = doors.find((d) => d.id === doorId);
  const site = sites.find((s) => s.id === siteId);
  if (!door || !site || !holders) notFound();
  const visible = (person: { homeSiteId?: number | null | undefined }) =>
    personInScope(operator, { homeSiteId: person.homeSiteId ?? null });
  const toPerson = (p: (typeof holders.usersWithPermissions)[number]): DoorPerson => ({
    id: p.id,
    name: p.name,
    email: p.email ?? null,
    employeeCode: p.employeeCode ?? null,
    ...(p.pendingAction && { pendingAction: p.pendingAction }),
    ...(p.pendingSince && { pendingSince: p.pendingSince }),
  });
  const everyone = holders.usersWithPermissions.filter(visible);
  const needle = query.search?.toLowerCase();
  const matching = needle
    ? everyone.filter((p) => [p.name, p.email, p.employeeCode].some((field) => field?.toLowerCase().includes(needle)))
    : everyone;
  const start = (query.page - 1) * DOOR_HOLDERS_PAGE_SIZE;
  const pending = holders.usersWithPendingPermissions.filter(visible);
  return {
    readAt: Date.now(),
    site,
    door: { id: door.id, name: door.name, siteId: door.siteId },
    canEdit: can(operator, 'permissions:write'),
    holders: matching
      .sort((a, b) => byName.compare(a.name, b.name))
      .slice(start, start + DOOR_HOLDERS_PAGE_SIZE)
      .map(toPerson),
    /** How many holders match the search, and how many there are in all (of the operator's sites). */
    matchingCount: matching.length,
    holderCount: everyone.length,
    /** Everyone who has the door or is about to, so "Add people" does not offer them again. */
    holderIds: [...everyone, ...pending.filter((p) => p.pendingAction !== 'revoke')].map((p) => p.id),
    pending: pending.map(toPerson),
    page: query.page,
    perPage: DOOR_HOLDERS_PAGE_SIZE,
    hiddenCount:
      holders.usersWithPermissions.length - everyone.length + holders.usersWithPendingPermissions.length - pending.length,
  };
}
