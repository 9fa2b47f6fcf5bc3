import 'server-only';
import { z } from 'zod';
import { companyScope, requestedSites, sitesInScope, type ScopedOperator } from '../auth/permissions';
import { verifySession } from '../auth/session';
import { nameOrNone, namesById } from '../core/names';
import {
  countDirectory,
  directoryDb,
  directoryGeneration,
  syncStatus,
  type DirectoryCounts,
  queryDirectory,
  streamDirectory,
  type DirectoryFilter,
  type DirectoryPerson,
} from '../directory';
import { spintly } from '../spintly';
import type { SpintlyUser } from '../spintly/contract';
import { queryFields } from '../validation/query';
import { visitorRoleIdOrNull } from '../visitors/role';
import { companyOptionsFor } from './companies';
import { allSiteOptions } from './sites';

/**
 * The people list as pages see it: small DTOs from the people directory, only for people in the operator's scope.
 * One person's page is lib/data/person.ts, the person form's options lib/data/person-form.ts, and the directory's
 * freshness lib/data/directory-freshness.ts.
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

export const PEOPLE_PAGE_SIZE = 25;

/** The people list's URL (also /cards and its export): every filter is bookmarkable. */
export const peopleQuerySchema = z.object({
  search: queryFields.search,
  status: queryFields.status,
  site: queryFields.id,
  role: queryFields.id,
  card: queryFields.yesNo,
  expired: queryFields.yesNo,
  /** Members of this company. */
  company: queryFields.id,
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

/** A directory row as lists show it. */
function fromDirectory(person: DirectoryPerson, siteNames: ReadonlyMap<number, string>, now: number): PersonRow {
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    phone: person.phone,
    employeeCode: person.employee_code,
    homeSiteId: person.home_site_id,
    homeSiteName: nameOrNone(siteNames, 'site', person.home_site_id),
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
    companies: companyScope(operator),
    search: query.search,
    status: query.status,
    role: query.role,
    card: query.card,
    cardNumber: query.cardNumber,
    expired: query.expired,
    company: query.company,
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
  const names = namesById(sites);
  const now = Date.now();
  return { items: found.items.map((p) => fromDirectory(p, names, now)), total: found.total };
}

/** The home page's numbers: people at the operator's sites, active, holding a card, with expired access. */
/**
 * The home page's four figures for an operator's scope. Counting 100,000 rows four ways costs ~15 ms a view, so the
 * figures are kept per scope for up to a minute and recounted sooner when the directory changes: a reconcile
 * finishing (its run id) or a change this process made (its generation). A change made by another process shows
 * within the minute; `countedAt` says when they were counted, and the page says it.
 */
const COUNTS_FOR_MS = 60_000;
const countsByScope = new Map<string, { version: string; countedAt: number; counts: Promise<DirectoryCounts> }>();

export async function peopleCountsInScope(operator: ScopedOperator, now = Date.now()) {
  const { db: database, dialect } = await directoryDb();
  const [filter, { lastOk }] = await Promise.all([directoryFilter(operator, { status: 'all' }), syncStatus(database)]);
  const key = JSON.stringify(filter);
  const version = `${lastOk?.id ?? 0}:${directoryGeneration()}`;
  let kept = countsByScope.get(key);
  if (!kept || kept.version !== version || now - kept.countedAt > COUNTS_FOR_MS) {
    if (countsByScope.size >= 1_000) countsByScope.clear();
    kept = { version, countedAt: now, counts: countDirectory(database, dialect, filter) };
    countsByScope.set(key, kept);
    // A failed count is not kept.
    kept.counts.catch(() => countsByScope.delete(key));
  }
  return { ...(await kept.counts), countedAt: kept.countedAt };
}

/** Every person a list query matches, a chunk at a time: for exports of 100,000 rows. */
export async function* streamPeopleInScope(operator: ScopedOperator, query: ListQuery): AsyncGenerator<PersonRow> {
  const [{ db: database, dialect }, sites] = await Promise.all([directoryDb(), allSiteOptions()]);
  const names = namesById(sites);
  const now = Date.now();
  for await (const person of streamDirectory(database, dialect, await directoryFilter(operator, query)))
    yield fromDirectory(person, names, now);
}

/** What the people list's filters offer: the operator's sites and Spintly's roles (both cached). */
export async function peopleFilterOptions() {
  const operator = await verifySession({ capability: 'people:list' });
  const [sites, roles, companies] = await Promise.all([
    allSiteOptions(),
    spintly().listRoles(),
    companyOptionsFor(operator),
  ]);
  return { sites: sitesInScope(operator, sites), roles, companies };
}

/** One page of the people list, as rows. */
export async function peoplePage(query: PeopleQuery) {
  const operator = await verifySession({ capability: 'people:list' });
  const found = await listPeopleInScope(operator, query, PEOPLE_PAGE_SIZE);
  return { perPage: PEOPLE_PAGE_SIZE, page: query.page, rows: found.items, total: found.total };
}
