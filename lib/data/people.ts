import 'server-only';
import { notFound } from 'next/navigation';
import { peopleSiteFilter, personInScope, reachesAllSites, sitesInScope, type ScopedOperator } from '../auth/permissions';
import { verifySession } from '../auth/session';
import { spintly } from '../spintly';
import type { PermissionItem, SpintlyUser } from '../spintly/contract';
import { z } from 'zod';
import { queryFields } from '../validation/query';
import { allSiteOptions, type SiteOption } from './sites';

/**
 * People as pages see them: small DTOs built from Spintly's records, only for people in the operator's scope.
 * Independent Spintly calls go out in parallel; sites, doors and roles come from the client's cache.
 */
export interface PersonRow {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  employeeCode: string | null;
  homeSiteId: number | null;
  homeSiteName: string;
  roles: string[];
  active: boolean;
  card: string | null;
  accessExpiresAt: string | null;
  accessExpired: boolean;
}

export interface PersonDetail extends PersonRow {
  roleIds: number[];
  isSignedUp: boolean;
  createdAt: string;
  deactivatedOn: string | null;
  access: {
    mobile: boolean;
    card: boolean;
    remoteAccess: boolean;
    tapToAccess: boolean;
    fingerprint: boolean;
    faceAccess: boolean;
    gps: boolean;
    deviceLock: boolean;
    clickToAccessRange: number;
  };
}

export interface DoorAccess {
  id: number;
  name: string;
  siteId: number;
  state: 'assigned' | 'pending' | 'not_assigned';
  pendingAction?: 'grant' | 'revoke';
  pendingSince?: string;
}

export const PEOPLE_PAGE_SIZE = 25;

/** The people list's URL (also /cards and its export): every filter is bookmarkable. */
export const peopleQuerySchema = z.object({
  search: queryFields.search,
  status: queryFields.status,
  site: queryFields.id,
  role: queryFields.id,
  card: queryFields.yesNo,
  expired: queryFields.yesNo,
  page: queryFields.page,
});
export type PeopleQuery = z.output<typeof peopleQuerySchema>;
/** Values the URL leaves out. */
export const PEOPLE_QUERY_DEFAULTS = { status: 'all', page: 1 } as const;

export function toPersonRow(user: SpintlyUser, siteNames: ReadonlyMap<number, string>): PersonRow {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    phone: user.phone,
    employeeCode: user.employeeCode,
    homeSiteId: user.homeSiteId,
    homeSiteName: user.homeSiteId === null ? '—' : (siteNames.get(user.homeSiteId) ?? `Site ${user.homeSiteId}`),
    roles: user.roles.map((r) => r.name),
    active: user.deactivatedOn === null,
    card: user.credentialId,
    accessExpiresAt: user.accessExpiresAt,
    accessExpired: user.accessExpired,
  };
}

function toPersonDetail(user: SpintlyUser, siteNames: ReadonlyMap<number, string>): PersonDetail {
  const a = user.accessData;
  return {
    ...toPersonRow(user, siteNames),
    roleIds: user.roles.map((r) => r.id),
    isSignedUp: user.isSignedUp,
    createdAt: user.createdAt,
    deactivatedOn: user.deactivatedOn,
    access: {
      mobile: a?.mobile ?? false,
      card: a?.card ?? false,
      remoteAccess: a?.remoteAccess ?? false,
      tapToAccess: a?.tapToAccess ?? false,
      fingerprint: a?.fingerprint ?? false,
      faceAccess: a?.faceAccess ?? false,
      gps: a?.gps ?? false,
      deviceLock: a?.deviceLock ?? false,
      clickToAccessRange: a?.clickToAccessRange ?? 3,
    },
  };
}

const namesOf = (sites: readonly SiteOption[]) => new Map(sites.map((s) => [s.id, s.name]));

/**
 * People in the operator's scope that match a list query: one page of them, or every one (`perPage: 'all'`, for
 * exports). The one place that turns scope into Spintly's site filter (where an empty list means every site) and
 * that applies the filters Spintly's list lacks (role, card, expiry) — shared by /users, /cards, its export and the
 * people search.
 */
export async function listPeopleInScope(
  operator: ScopedOperator,
  query: Omit<PeopleQuery, 'page'> & { page?: number },
  perPage: number | 'all',
): Promise<{ items: SpintlyUser[]; total: number }> {
  const siteFilter = peopleSiteFilter(operator, query.site);
  if (siteFilter === null) return { items: [], total: 0 };
  const client = spintly();
  const upstream = { status: query.status, siteIds: siteFilter, ...(query.search && { search: query.search }) } as const;
  // Spintly filters by status, site and text; role, card and expiry are filtered here over every matching page.
  const localFilters = query.role !== undefined || query.card !== undefined || query.expired !== undefined;
  const page = query.page ?? 1;
  if (!localFilters && perPage !== 'all') {
    const answer = await client.listUsers({ ...upstream, page, perPage });
    return { items: answer.items, total: answer.pagination.total };
  }
  const matching = (await client.allUsers(upstream)).filter(
    (u) =>
      (query.role === undefined || u.roles.some((r) => r.id === query.role)) &&
      (query.card === undefined || (query.card === 'yes') === (u.credentialId !== null)) &&
      (query.expired === undefined || (query.expired === 'yes') === u.accessExpired),
  );
  if (perPage === 'all') return { items: matching, total: matching.length };
  const start = (page - 1) * perPage;
  return { items: matching.slice(start, start + perPage), total: matching.length };
}

/** What the people list's filters offer: the operator's sites and Spintly's roles (both cached). */
export async function peopleFilterOptions() {
  const operator = await verifySession({ capability: 'people:list' });
  const [sites, roles] = await Promise.all([allSiteOptions(), spintly().listRoles()]);
  return { sites: sitesInScope(operator, sites), roles };
}

/** One page of the people list, as rows. */
export async function peoplePage(query: PeopleQuery) {
  const operator = await verifySession({ capability: 'people:list' });
  // Site names come from the cache; the people list is the one read that waits on Spintly.
  const [sites, found] = await Promise.all([allSiteOptions(), listPeopleInScope(operator, query, PEOPLE_PAGE_SIZE)]);
  const names = namesOf(sites);
  return {
    perPage: PEOPLE_PAGE_SIZE,
    page: query.page,
    rows: found.items.map((u) => toPersonRow(u, names)),
    total: found.total,
  };
}

/** One person and their doors at the operator's sites, fetched together; 404 when out of scope or unknown. */
export async function personPage(userId: number) {
  const operator = await verifySession({ capability: 'people:read' });
  const client = spintly();
  const siteIds = reachesAllSites(operator) ? [] : operator.siteIds;
  const [user, permissions, sites] = await Promise.all([
    client.getUser(userId),
    siteIds.length === 0 && !reachesAllSites(operator) ? null : client.userPermissions(userId, siteIds).catch(() => null),
    allSiteOptions(),
  ]);
  if (!user || !personInScope(operator, user)) notFound();
  const doors: DoorAccess[] = permissions
    ? [
        ...permissions.permissionAssigned.map((d) => door(d, 'assigned')),
        ...permissions.pendingPermissions.map((d) => door(d, 'pending')),
        ...permissions.permissionNotAssigned.map((d) => door(d, 'not_assigned')),
      ].sort((a, b) => a.siteId - b.siteId || a.name.localeCompare(b.name))
    : [];
  return {
    operator,
    person: toPersonDetail(user, namesOf(sites)),
    doors,
    /** False when Spintly did not answer for the doors: the person is shown, their doors are not known. */
    doorsLoaded: permissions !== null,
    sites: sitesInScope(operator, sites),
    readAt: Date.now(),
  };
}

function door(item: PermissionItem, state: DoorAccess['state']): DoorAccess {
  return {
    id: item.id,
    name: item.name,
    siteId: item.siteId,
    state,
    ...(item.pendingAction && { pendingAction: item.pendingAction }),
    ...(item.pendingSince && { pendingSince: item.pendingSince }),
  };
}

/** What the person form offers: Spintly roles, the operator's sites, and those sites' doors. */
export async function personFormOptions() {
  const operator = await verifySession({ capability: 'people:write' });
  const client = spintly();
  const [roles, sites] = await Promise.all([client.listRoles(), allSiteOptions()]);
  const mine = sitesInScope(operator, sites);
  const doors = (await Promise.all(mine.map((s) => client.allAccessPoints(s.id)))).flat();
  return {
    roles: roles.map((r) => ({ id: r.id, name: r.name })),
    sites: mine,
    doors: doors.map((d) => ({ id: d.id, name: d.name, siteId: d.siteId })),
  };
}

export async function editPersonPage(userId: number) {
  const [options, { person }] = await Promise.all([personFormOptions(), personPage(userId)]);
  return { options, person };
}
