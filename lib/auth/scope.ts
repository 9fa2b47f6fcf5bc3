import 'server-only';
import type { TargetPart } from '../audit/sentence';
import { companiesOfPeople, envelopeOf } from '../companies/members';
import { companySitesOf } from '../companies/store';
import { reachesCompany } from '../core/scope';
import { db } from '../db';
import { doorsOfGroups, type GroupDoor } from '../groups/store';
import { hostsOfVisits } from '../visitors/store';
import { reachableReview, reviewSiteOf } from '../reviews/access';
import { MAX_PER_PAGE } from '../spintly/contract';
import type { SpintlyClient } from '../spintly/client';
import {
  companyScope,
  doorInScope,
  limitedToCompanies,
  personInScope,
  reachesAllSites,
  siteInScope,
  type ScopedOperator,
} from './permissions';

/**
 * Checks that every id an action was given is within the operator's sites, by asking Spintly where each person
 * lives (their home site) and which site each door belongs to. Ids that do not exist fail the same way as ids out
 * of scope, so a crafted request learns nothing about other sites. A company admin is held further, from the
 * portal's own tables: each person must be a member of one of their companies, each door in those companies'
 * envelopes, each company one of theirs.
 */
/** What the target is in the change, for the audit log's sentence (a door given to one person, taken from another). */
type Part = { part?: TargetPart };
export type ScopeTarget =
  | ({ type: 'site'; id: number } & Part)
  /** `siteId`, when the caller knows it, is a hint to check against that site's doors alone; it is verified. */
  | ({ type: 'door'; id: number; siteId?: number | undefined } & Part)
  | ({ type: 'person'; id: number } & Part)
  | ({ type: 'operator'; id: string } & Part)
  /** A company is in scope when one of its sites is. */
  | ({ type: 'company'; id: number } & Part)
  /** A visit is in scope when its site is; for a company admin, when its host is one of their people. */
  | ({ type: 'visit'; id: string } & Part)
  /** An access group is in scope when every door of it is (for a company admin: inside their envelope). */
  | ({ type: 'group'; id: number } & Part)
  /**
   * An access review is its reviewers', its starter's and super admins' (lib/reviews/access.ts), whatever their sites;
   * its site for the audit log is the one it reviews (the lowest of its doors' sites).
   */
  | ({ type: 'review'; id: string } & Part);

export interface ScopeResult {
  ok: boolean;
  /** The site the action is about, for the audit log: the lowest site among its targets. */
  siteId: number | null;
  /** Names of the targets the check read anyway (`door:501` → "Main Entrance"), for the audit log. */
  names: Map<string, string>;
}

export async function checkScope(
  operator: ScopedOperator & { id?: string },
  targets: readonly ScopeTarget[],
  spintly: SpintlyClient,
): Promise<ScopeResult> {
  const sites = new Set<number>();
  const names = new Map<string, string>();
  let ok = true;

  const siteIds = targets.filter((t) => t.type === 'site').map((t) => t.id);
  for (const id of siteIds) {
    sites.add(id);
    if (!siteInScope(operator, id)) ok = false;
  }
  if (siteIds.length > 0) for (const site of await spintly.allSites()) names.set(`site:${site.id}`, site.name);

  const doors = targets.filter((t) => t.type === 'door');
  if (doors.length > 0) {
    const doorSites = await doorSiteIndex(doors, operator, spintly);
    for (const { id } of doors) {
      const door = doorSites.get(id);
      const siteId = door?.siteId;
      if (door) names.set(`door:${id}`, door.name);
      if (siteId === undefined || !doorInScope(operator, { siteId })) ok = false;
      if (siteId !== undefined) sites.add(siteId);
    }
  }

  const companyIds = [...new Set(targets.filter((t) => t.type === 'company').map((t) => t.id))];
  if (companyIds.length > 0) {
    const companies = await companySitesOf(await db(), companyIds);
    for (const id of companyIds) {
      const company = companies.get(id);
      if (company) names.set(`company:${id}`, company.name);
      if (!company || !company.siteIds.some((siteId) => siteInScope(operator, siteId))) ok = false;
      for (const siteId of company?.siteIds ?? []) if (siteInScope(operator, siteId)) sites.add(siteId);
    }
  }

  const groupIds = [...new Set(targets.filter((t) => t.type === 'group').map((t) => t.id))];
  const groupDoors = groupIds.length > 0 ? await doorsOfGroups(await db(), groupIds) : new Map<number, GroupDoor[]>();
  for (const id of groupIds) {
    const doorsOfGroup = groupDoors.get(id);
    // A group with no doors is a super admin's only: there is nothing to place it in anyone's sites.
    if (!doorsOfGroup || doorsOfGroup.length === 0) {
      if (!reachesAllSites(operator)) ok = false;
      continue;
    }
    for (const door of doorsOfGroup) {
      if (!siteInScope(operator, door.siteId)) ok = false;
      else sites.add(door.siteId);
    }
  }

  const visitIds = [...new Set(targets.filter((t) => t.type === 'visit').map((t) => t.id))];
  const visits = visitIds.length > 0 ? await hostsOfVisits(await db(), visitIds) : new Map<string, never>();
  for (const id of visitIds) {
    const visit = visits.get(id);
    if (visit) names.set(`visit:${id}`, visit.visitorName);
    if (!visit || !siteInScope(operator, visit.siteId)) ok = false;
    if (visit) sites.add(visit.siteId);
  }

  const reviewIds = [...new Set(targets.filter((t) => t.type === 'review').map((t) => t.id))];
  for (const id of reviewIds) {
    const review = operator.id ? await reachableReview(await db(), { id: operator.id, role: operator.role }, id) : null;
    if (!review) {
      ok = false;
      continue;
    }
    names.set(`review:${id}`, review.name);
    const site = await reviewSiteOf(await db(), review);
    if (site !== null) sites.add(site);
  }

  const personIds = [...new Set(targets.filter((t) => t.type === 'person').map((t) => t.id))];
  // Super admins reach everyone: asking Spintly where 1,000 people live would only cost round trips.
  if (personIds.length > 0 && !reachesAllSites(operator)) {
    const homes = await homeSites(personIds, spintly);
    for (const id of personIds) {
      const found = homes.get(id);
      const home = found?.home;
      if (found) names.set(`person:${id}`, found.name);
      // Unknown to Spintly is out of scope for everyone; for a company admin, membership decides (below).
      if (home === undefined || (!limitedToCompanies(operator) && !personInScope(operator, { homeSiteId: home })))
        ok = false;
      if (home !== undefined && home !== null) sites.add(home);
    }
  }

  const hosts = new Map([...visits].map(([id, visit]) => [id, visit.hostId]));
  if (limitedToCompanies(operator) && !(await withinCompanies(operator, targets, hosts, groupDoors))) ok = false;

  return { ok, siteId: sites.size > 0 ? Math.min(...sites) : null, names };
}

/**
 * A company admin's further limit: their companies' people, envelope doors, the companies themselves, and the visits
 * their people host (`hosts`: visit id → host's person id).
 */
async function withinCompanies(
  operator: ScopedOperator,
  targets: readonly ScopeTarget[],
  hosts: ReadonlyMap<string, number>,
  groupDoors: ReadonlyMap<number, readonly GroupDoor[]>,
): Promise<boolean> {
  const scope = companyScope(operator);
  const mine = scope.all ? [] : scope.companies;
  const database = await db();
  const personIds = [...targets.filter((t) => t.type === 'person').map((t) => t.id), ...hosts.values()];
  const doorIds = [
    ...targets.filter((t) => t.type === 'door').map((t) => t.id),
    ...[...groupDoors.values()].flat().map((d) => d.doorId),
  ];
  const [companyOf, envelope] = await Promise.all([
    companiesOfPeople(database, personIds),
    doorIds.length > 0 ? envelopeOf(database, mine) : Promise.resolve(new Set<number>()),
  ]);
  return targets.every((t) => {
    if (t.type === 'person') return personInScope(operator, { homeSiteId: null, companyId: companyOf.get(t.id) });
    if (t.type === 'door') return envelope.has(t.id);
    if (t.type === 'company') return reachesCompany(scope, t.id);
    if (t.type === 'group') {
      const doors = groupDoors.get(t.id) ?? [];
      return doors.length > 0 && doors.every((d) => envelope.has(d.doorId));
    }
    if (t.type === 'visit') {
      const host = hosts.get(t.id);
      return host !== undefined && personInScope(operator, { homeSiteId: null, companyId: companyOf.get(host) });
    }
    // A review's own rule (its reviewers) was checked above.
    if (t.type === 'review') return true;
    // Operators are never a company admin's to touch; sites were checked above.
    return t.type === 'site';
  });
}

/**
 * Door id → site id, from the cached door lists. Doors given with a site hint (in the operator's scope) are looked
 * up in that site's list only — one list the page that sent the action has usually just read; the rest in every
 * site's. A wrong hint finds nothing, so the door counts as out of scope.
 */
async function doorSiteIndex(
  doors: { id: number; siteId?: number | undefined }[],
  operator: ScopedOperator,
  spintly: SpintlyClient,
): Promise<Map<number, { siteId: number; name: string }>> {
  const hinted = new Set<number>();
  let unhinted = false;
  for (const door of doors) {
    if (door.siteId === undefined) unhinted = true;
    else if (siteInScope(operator, door.siteId)) hinted.add(door.siteId);
  }
  // A door whose site the caller did not say: the organisation's door list (one call, cached) knows it.
  const lists = unhinted
    ? [await spintly.allDoors()]
    : await Promise.all([...hinted].map((siteId) => spintly.allAccessPoints(siteId)));
  return new Map(lists.flat().map((door) => [door.id, { siteId: door.siteId, name: door.name }]));
}

/** Person id → home site id (null = none) and name, read in batches of a page; people Spintly does not know are absent. */
async function homeSites(
  ids: number[],
  spintly: SpintlyClient,
): Promise<Map<number, { home: number | null; name: string }>> {
  const batches: number[][] = [];
  for (let i = 0; i < ids.length; i += MAX_PER_PAGE) batches.push(ids.slice(i, i + MAX_PER_PAGE));
  const pages = await Promise.all(batches.map((batch) => spintly.listUsers({ userIds: batch, perPage: batch.length })));
  return new Map(
    pages.flatMap((page) => page.items.map((user) => [user.id, { home: user.homeSiteId, name: user.name }] as const)),
  );
}
