import 'server-only';
import { notFound } from 'next/navigation';
import { personInScope, requestedSites, siteScope, sitesInScope, type ScopedOperator } from '../auth/permissions';
import { verifySession } from '../auth/session';
import { spintly } from '../spintly';
import type { PermissionItem, SpintlyUser } from '../spintly/contract';
import { z } from 'zod';
import { queryFields } from '../validation/query';
import { countDirectory, directoryDb, queryDirectory, repairPerson, streamDirectory, syncStatus, type DirectoryFilter, type DirectoryPerson } from '../directory';
import { portalEnv } from '../env';
import { allSiteOptions, type SiteOption } from './sites';
import { visitorRoleIdOrNull } from '../visitors/role';
import { personDoors } from '../core/holders';
import { nameOrNone } from '../core/names';

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
  sort: z.enum(['name', 'created', 'expiry']).default('name').catch('name'),
  dir: z.enum(['asc', 'desc']).default('asc').catch('asc'),
  page: queryFields.page,
});
export type PeopleQuery = z.output<typeof peopleQuerySchema>;
/** Values the URL leaves out. */
export const PEOPLE_QUERY_DEFAULTS = { status: 'all', sort: 'name', dir: 'asc', page: 1 } as const;

export function toPersonRow(user: SpintlyUser, siteNames: ReadonlyMap<number, string>): PersonRow {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    phone: user.phone,
    employeeCode: user.employeeCode,
    homeSiteId: user.homeSiteId,
    homeSiteName: nameOrNone(siteNames, 'site', user.homeSiteId),
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

/** A directory row as lists show it. */
function fromDirectory(person: DirectoryPerson, siteNames: ReadonlyMap<number, string>, now: number): PersonRow {
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    phone: person.phone,
    employeeCode: person.employee_code,
    homeSiteId: person.home_site_id,
    homeSiteName:
      nameOrNone(siteNames, 'site', person.home_site_id),
    roles: person.roles,
    active: person.active,
    card: person.card,
    accessExpiresAt: person.access_expires_at,
    accessExpired: person.access_expires_at !== null && Date.parse(person.access_expires_at) < now,
  };
}

type ListQuery = Omit<PeopleQuery, 'page' | 'sort' | 'dir'> &
  Partial<Pick<PeopleQuery, 'page' | 'sort' | 'dir'>> & { cardNumber?: string };

/**
 * A list query as the directory reads it. Visitors are Spintly people but not members: they are left out unless the
 * Role filter asks for the visitor role, or a card number is looked up (a visitor may hold a desk's card).
 */
async function directoryFilter(operator: ScopedOperator, query: ListQuery): Promise<DirectoryFilter> {
  const visitorRole = await visitorRoleIdOrNull(spintly());
  const showVisitors = visitorRole === null || query.role === visitorRole || query.cardNumber !== undefined;
  return {
    ...(!showVisitors && { withoutRole: visitorRole }),
    sites: requestedSites(operator, query.site),
    search: query.search,
    status: query.status,
    role: query.role,
    card: query.card,
    cardNumber: query.cardNumber,
    expired: query.expired,
    sort: query.sort ?? 'name',
    dir: query.dir ?? 'asc',
  };
}

/**
 * People in the operator's scope that match a list query, from the people directory (the portal's synced copy of
 * Spintly's people): one page with the exact count. Shared by /users, /cards and the people search, so scope and
 * filters mean the same everywhere; 0 Spintly calls however many people there are.
 */
export async function listPeopleInScope(
  operator: ScopedOperator,
  query: ListQuery,
  perPage: number,
): Promise<{ items: PersonRow[]; total: number }> {
  // Site names come from Spintly (cached); if it cannot answer, rows say "Site 3" and the list still works.
  const [{ db: database, dialect }, sites] = await Promise.all([directoryDb(), allSiteOptions().catch(() => [])]);
  const found = await queryDirectory(database, dialect, await directoryFilter(operator, query), {
    page: query.page ?? 1,
    perPage,
  });
  const names = namesOf(sites);
  const now = Date.now();
  return { items: found.items.map((p) => fromDirectory(p, names, now)), total: found.total };
}

/** The home page's numbers: people at the operator's sites, active, holding a card, with expired access. */
export async function peopleCountsInScope(operator: ScopedOperator) {
  const { db: database, dialect } = await directoryDb();
  return countDirectory(database, dialect, await directoryFilter(operator, { status: 'all' }));
}

/** Every person a list query matches, a chunk at a time: for exports of 100,000 rows. */
export async function* streamPeopleInScope(operator: ScopedOperator, query: ListQuery): AsyncGenerator<PersonRow> {
  const [{ db: database, dialect }, sites] = await Promise.all([directoryDb(), allSiteOptions()]);
  const names = namesOf(sites);
  const now = Date.now();
  for await (const person of streamDirectory(database, dialect, await directoryFilter(operator, query)))
    yield fromDirectory(person, names, now);
}

/** A directory run as screens show it. */
export interface DirectoryRun {
  id: number;
  outcome: 'running' | 'ok' | 'failed';
  startedAt: string;
  pages: number;
  pagesTotal: number | null;
  people: number | null;
  added: number;
  changed: number;
  removed: number;
}

/**
 * How fresh the directory is, for "People as of 10:42 (2 min ago)", the stale-copy warning and "Sync now"'s progress.
 * Internal errors stay in the database: a screen says that the last run failed, not why in Spintly's words.
 */
export async function directoryFreshness() {
  const { db: database } = await directoryDb();
  const { lastOk, last } = await syncStatus(database);
  const intervalMs = portalEnv().directory.syncIntervalS * 1000;
  const asOf = lastOk?.finished_at ?? null;
  const run: DirectoryRun | null = last
    ? {
        id: Number(last.id),
        outcome: last.outcome,
        startedAt: last.started_at,
        pages: Number(last.pages),
        pagesTotal: last.pages_total === null ? null : Number(last.pages_total),
        people: last.people === null ? null : Number(last.people),
        added: Number(last.added),
        changed: Number(last.changed),
        removed: Number(last.removed),
      }
    : null;
  return {
    asOf,
    running: last?.outcome === 'running',
    lastFailed: last?.outcome === 'failed',
    stale: asOf === null || Date.now() - Date.parse(asOf) > 3 * intervalMs,
    readAt: Date.now(),
    last: run,
  };
}
export type DirectoryFreshnessData = Awaited<ReturnType<typeof directoryFreshness>>;

/** What the people list's filters offer: the operator's sites and Spintly's roles (both cached). */
export async function peopleFilterOptions() {
  const operator = await verifySession({ capability: 'people:list' });
  const [sites, roles] = await Promise.all([allSiteOptions(), spintly().listRoles()]);
  return { sites: sitesInScope(operator, sites), roles };
}

/** One page of the people list, as rows. */
export async function peoplePage(query: PeopleQuery) {
  const operator = await verifySession({ capability: 'people:list' });
  const found = await listPeopleInScope(operator, query, PEOPLE_PAGE_SIZE);
  return { perPage: PEOPLE_PAGE_SIZE, page: query.page, rows: found.items, total: found.total };
}

/** One person and their doors at the operator's sites, fetched together; 404 when out of scope or unknown. */
export async function personPage(userId: number) {
  const operator = await verifySession({ capability: 'people:read' });
  const client = spintly();
  const [user, permissions, sites] = await Promise.all([
    client.getUser(userId),
    client.userPermissions(userId, siteScope(operator)).catch(() => null),
    allSiteOptions(),
  ]);
  if (!user || !personInScope(operator, user)) notFound();
  // Read-repair: this page read the person live, so the directory's copy agrees from now on.
  await repairPerson(user);
  const doors: DoorAccess[] = permissions
    ? personDoors(permissions)
        .doors.map(toDoorAccess)
        .sort((a, b) => a.siteId - b.siteId || a.name.localeCompare(b.name))
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

function toDoorAccess(item: PermissionItem & { state: DoorAccess['state'] }): DoorAccess {
  return {
    id: item.id,
    name: item.name,
    siteId: item.siteId,
    state: item.state,
    ...(item.pendingAction && { pendingAction: item.pendingAction }),
    ...(item.pendingSince && { pendingSince: item.pendingSince }),
  };
}

/**
 * What the person form offers: Spintly roles (not the visitor role, which comes with a visit — unless `keepRoleIds`,
 * the edited person's own roles, has it), the operator's sites, and those sites' doors.
 */
export async function personFormOptions(keepRoleIds: readonly number[] = []) {
  const operator = await verifySession({ capability: 'people:write' });
  const client = spintly();
  const [allRoles, sites, visitorRole] = await Promise.all([
    client.listRoles(),
    allSiteOptions(),
    visitorRoleIdOrNull(client),
  ]);
  const roles = allRoles.filter((r) => r.id !== visitorRole || keepRoleIds.includes(r.id));
  const mine = sitesInScope(operator, sites);
  const mineIds = new Set(mine.map((s) => s.id));
  const doors = (await client.allDoors()).filter((d) => mineIds.has(d.siteId));
  return {
    roles: roles.map((r) => ({ id: r.id, name: r.name })),
    sites: mine,
    doors: doors.map((d) => ({ id: d.id, name: d.name, siteId: d.siteId })),
  };
}

export async function editPersonPage(userId: number) {
  const { person } = await personPage(userId);
  const options = await personFormOptions(person.roleIds);
  return { options, person };
}
