import 'server-only';
import { notFound } from 'next/navigation';
import { peopleSiteFilter, personInScope, reachesAllSites, sitesInScope } from '../auth/permissions';
import { verifySession } from '../auth/session';
import { spintly } from '../spintly';
import type { PermissionItem, SpintlyUser } from '../spintly/contract';
import type { PeopleQuery } from '../validation/people';
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

export async function peoplePage(query: PeopleQuery) {
  const operator = await verifySession({ capability: 'people:list' });
  const client = spintly();
  const siteFilter = peopleSiteFilter(operator, query.site);
  const upstream = {
    status: query.status,
    siteIds: siteFilter ?? [],
    ...(query.search && { search: query.search }),
  } as const;
  // Spintly filters by status, site and text; role, card and expiry are filtered here over every matching page.
  const localFilters = query.role !== undefined || query.card !== undefined || query.expired !== undefined;
  // Reference data and the people list are independent: one round trip of waiting, not two.
  const [sites, roles, page] = await Promise.all([
    allSiteOptions(),
    client.listRoles(),
    siteFilter === null || localFilters ? null : client.listUsers({ ...upstream, page: query.page, perPage: PEOPLE_PAGE_SIZE }),
  ]);
  const names = namesOf(sites);
  const base = { sites: sitesInScope(operator, sites), roles, perPage: PEOPLE_PAGE_SIZE, page: query.page };
  if (siteFilter === null) return { ...base, rows: [] as PersonRow[], total: 0 };
  if (page) return { ...base, rows: page.items.map((u) => toPersonRow(u, names)), total: page.pagination.total };
  const everyone = await client.allUsers(upstream);
  const matching = everyone.filter(
    (u) =>
      (query.role === undefined || u.roles.some((r) => r.id === query.role)) &&
      (query.card === undefined || (query.card === 'yes') === (u.credentialId !== null)) &&
      (query.expired === undefined || (query.expired === 'yes') === u.accessExpired),
  );
  const start = (query.page - 1) * PEOPLE_PAGE_SIZE;
  return { ...base, rows: matching.slice(start, start + PEOPLE_PAGE_SIZE).map((u) => toPersonRow(u, names)), total: matching.length };
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
