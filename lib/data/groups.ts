import 'server-only';
import type { Kysely } from 'kysely';
import { notFound } from 'next/navigation';
import {
  can,
  companyScope,
  reachesAllSites,
  siteInScope,
  sitesInScope,
  type ScopedOperator,
} from '../auth/permissions';
import { verifySession, type SessionOperator } from '../auth/session';
import { companiesOfPeople, envelopeOf } from '../companies/members';
import { companyChoices } from '../companies/store';
import { EVERY_SITE, reachesCompany } from '../core/scope';
import { nameFor, namesById } from '../core/names';
import { db } from '../db';
import type { Database } from '../db/schema';
import { portalEnv } from '../env';
import { formatDate } from '../format';
import { GROUP_APPLY_JOB } from '../groups/apply';
import { doorCounts } from '../groups/state';
import { groupStatus } from '../groups/status';
import {
  doorsOfGroups,
  getGroup,
  listGroups,
  openMemberships,
  peopleOf,
  type GroupDoor,
  type Membership,
} from '../groups/store';
import { spintly } from '../spintly';
import { companyOptionsFor } from './companies';
import { WEEK_MS } from './grants';
import { jobFor, jobIdSchema, toJobView } from './jobs';
import { allSiteOptions } from './sites';

/** The most member rows the group page lists (problems first); the counts above them cover everyone. */
export const MEMBER_ROWS = 200;

/**
 * Which groups an operator reaches: every group for a super admin; a site admin's, those whose doors are all at their
 * sites; a company admin's, those inside their companies' envelope. The same rule as the `group` scope target.
 */
export async function groupReach(operator: ScopedOperator): Promise<(doors: readonly GroupDoor[]) => boolean> {
  // A super admin's reach includes a group with no doors left (the `group` scope target says the same).
  if (reachesAllSites(operator)) return () => true;
  const companies = companyScope(operator);
  const envelope = companies.all ? null : await envelopeOf(await db(), companies.companies);
  return (doors) =>
    doors.length > 0 &&
    doors.every((d) => siteInScope(operator, d.siteId) && (envelope === null || envelope.has(d.doorId)));
}

/** The group, when the operator reaches it; not found otherwise (a group out of reach reads as one that is not there). */
async function reachableGroup(database: Kysely<Database>, operator: ScopedOperator, groupId: number) {
  const [group, reach] = await Promise.all([getGroup(database, groupId), groupReach(operator)]);
  if (!group || !reach(group.doors)) notFound();
  return group;
}

export async function groupsPage() {
  const operator = await verifySession({ capability: 'groups:read' });
  const [rows, doors, sites, reach] = await Promise.all([
    listGroups(await db()),
    spintly()
      .allDoors()
      .catch(() => []),
    allSiteOptions().catch(() => []),
    groupReach(operator),
  ]);
  const doorNames = namesById(doors);
  const siteNames = namesById(sites);
  return {
    operator,
    rows: rows
      .filter((g) => reach(g.doors))
      .map((g) => ({
        id: g.id,
        name: g.name,
        description: g.description,
        doors: g.doors.map((d) => nameFor(doorNames, 'door', d.doorId)),
        sites: [...new Set(g.doors.map((d) => nameFor(siteNames, 'site', d.siteId)))],
        people: g.people,
        companies: g.companies,
      })),
  };
}

/** The doors a group may be made of: every door at the operator's sites, with its site. */
export async function groupFormOptions() {
  const operator = await verifySession({ capability: 'groups:write' });
  const [sites, doors] = await Promise.all([allSiteOptions(), spintly().allDoors()]);
  const mine = sitesInScope(operator, sites);
  const mineIds = new Set(mine.map((s) => s.id));
  return {
    sites: mine.map((s) => ({ id: s.id, name: s.name })),
    doors: doors.filter((d) => mineIds.has(d.siteId)).map((d) => ({ id: d.id, name: d.name, siteId: d.siteId })),
  };
}

async function peopleNames(database: Kysely<Database>, ids: readonly number[]) {
  const names = new Map<number, { name: string; email: string | null }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await database
      .selectFrom('people')
      .select(['id', 'name', 'email'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) names.set(Number(row.id), { name: row.name, email: row.email });
  }
  return names;
}

/** "from 08/12/2026, last day 31/12/2026" — days, as they were chosen (an end is the next day's midnight). */
const windowText = (m: Pick<Membership, 'startsAt' | 'endsAt'>, day: (ms: number) => string) =>
  [m.startsAt && `from ${day(Date.parse(m.startsAt))}`, m.endsAt && `last day ${day(Date.parse(m.endsAt) - 1)}`]
    .filter(Boolean)
    .join(', ') || 'No end';

/**
 * `/access-groups/[id]`: the group, its memberships, and each member's state per door — from the portal's records
 * and one Spintly read per door (in parallel). Out of the operator's reach reads as not found.
 */
export async function groupPage(groupId: number) {
  const operator = await verifySession({ capability: 'groups:read' });
  const database = await db();
  const group = await reachableGroup(database, operator, groupId);
  const client = spintly();
  const { display } = portalEnv();
  const [{ memberships, rows, leftovers, unread: unreadIds }, doors, sites] = await Promise.all([
    groupStatus(database, client, group, { tolerateUnread: true }),
    client.allDoors().catch(() => []),
    allSiteOptions().catch(() => []),
  ]);
  const doorNames = namesById(doors);
  const siteNames = namesById(sites);
  const unread = unreadIds.map((id) => nameFor(doorNames, 'door', id));
  const doorIds = group.doors.map((d) => d.doorId).filter((id) => !unreadIds.includes(id));
  const counts = doorCounts(rows, doorIds);
  rows.sort((a, b) => Number(b.drift) - Number(a.drift) || a.personId - b.personId);
  const shown = rows.slice(0, MEMBER_ROWS);
  const [names, companies, choices] = await Promise.all([
    peopleNames(database, [
      ...new Set([...shown.map((r) => r.personId), ...memberships.flatMap((m) => (m.personId ? [m.personId] : []))]),
    ]),
    companyChoices(database, { sites: EVERY_SITE }),
    can(operator, 'groups:write') ? companyOptionsFor(operator) : Promise.resolve([]),
  ]);
  const companyNames = namesById(companies);
  const mayEdit = can(operator, 'groups:write');
  return {
    operator,
    group: {
      id: group.id,
      name: group.name,
      description: group.description,
      createdText: `${group.createdByName ?? 'The portal'}, ${formatDate(group.createdAt, display)}`,
      doors: group.doors.map((d) => ({
        id: d.doorId,
        name: nameFor(doorNames, 'door', d.doorId),
        siteId: d.siteId,
        siteName: nameFor(siteNames, 'site', d.siteId),
        counts: counts.get(d.doorId) ?? null,
      })),
    },
    memberships: memberships.map((m) => ({
      id: m.id,
      kind: m.personId !== null ? ('person' as const) : ('company' as const),
      name:
        m.personId !== null
          ? (names.get(m.personId)?.name ?? `Person ${m.personId}`)
          : nameFor(companyNames, 'company', m.companyId!),
      personId: m.personId,
      companyId: m.companyId,
      href: m.personId !== null ? `/users/${m.personId}` : `/companies/${m.companyId}`,
      window: windowText(m, (ms) => formatDate(ms, display)),
      // The last day as the form shows it (the end is the next day's midnight in the portal's zone).
      untilDay: m.endsAt ? formatDate(Date.parse(m.endsAt) - 1, display) : '',
      addedText: `${m.addedByName ?? 'The portal'}, ${formatDate(m.createdAt, display)}`,
    })),
    members: shown.map((r) => ({
      personId: r.personId,
      name: names.get(r.personId)?.name ?? `Person ${r.personId}`,
      states: doorIds.map((id) => r.states.get(id)!),
      drift: r.drift,
      failure: r.failure,
    })),
    doorHeaders: doorIds.map((id) => nameFor(doorNames, 'door', id)),
    memberTotal: rows.length,
    driftCount: rows.filter((r) => r.drift).length,
    /** People removed from the group (or from a door of it) who still hold what it gave: a take to try again. */
    leftoverCount: leftovers.size,
    unread,
    mayEdit,
    mayAddMembers: can(operator, 'groups:members'),
    companyChoices: choices,
  };
}

/** The edit form: the group, the doors it may have, and how many people a door change would reach now. */
export async function editGroupPage(groupId: number) {
  const options = await groupFormOptions();
  const operator = await verifySession({ capability: 'groups:write' });
  const database = await db();
  const group = await reachableGroup(database, operator, groupId);
  const people = new Set<number>();
  for (const membership of await openMemberships(database, groupId))
    for (const id of await peopleOf(database, membership)) people.add(id);
  return {
    group: {
      id: group.id,
      name: group.name,
      description: group.description,
      doors: group.doors.map((d) => ({ id: d.doorId })),
    },
    options,
    reach: people.size,
  };
}

/** The job a group change started (`?job=`), when it is one the operator may follow. */
export async function groupJob(operator: SessionOperator, raw: unknown) {
  const { id } = jobIdSchema.parse({ id: raw });
  if (!id) return null;
  const job = await jobFor(operator, id);
  return job && job.kind === GROUP_APPLY_JOB ? toJobView(job) : null;
}

/**
 * Group memberships whose last day comes within 7 days, for the home page: in the operator's groups (a company
 * admin's: of their people and companies), soonest first, at most `limit`, each linked to its group where "Change
 * end" is.
 */
export async function membershipsEndingSoon(operator: ScopedOperator, now = Date.now(), limit = 10) {
  const database = await db();
  const rows = await database
    .selectFrom('access_group_members as m')
    .innerJoin('access_groups as g', 'g.id', 'm.group_id')
    .leftJoin('companies as c', 'c.id', 'm.company_id')
    .leftJoin('people as p', 'p.id', 'm.person_id')
    .select(['m.id', 'm.group_id', 'm.person_id', 'm.company_id', 'm.ends_at', 'g.name as groupName'])
    .select(['c.name as companyName', 'p.name as personName'])
    .where('m.removed_at', 'is', null)
    .where('m.ends_at', '>', new Date(now).toISOString())
    .where('m.ends_at', '<=', new Date(now + WEEK_MS).toISOString())
    .orderBy('m.ends_at')
    .limit(200)
    .execute();
  if (rows.length === 0) return [];
  const [reach, doors] = await Promise.all([
    groupReach(operator),
    doorsOfGroups(database, [...new Set(rows.map((r) => Number(r.group_id)))]),
  ]);
  const companies = companyScope(operator);
  const companyOf = companies.all
    ? new Map<number, number>()
    : await companiesOfPeople(
        database,
        rows.flatMap((r) => (r.person_id === null ? [] : [Number(r.person_id)])),
      );
  const mine = (r: (typeof rows)[number]) =>
    companies.all ||
    (r.person_id !== null
      ? reachesCompany(companies, companyOf.get(Number(r.person_id)))
      : reachesCompany(companies, Number(r.company_id)));
  const { display } = portalEnv();
  return rows
    .filter((r) => reach(doors.get(Number(r.group_id)) ?? []) && mine(r))
    .slice(0, limit)
    .map((r) => ({
      id: r.id,
      groupId: Number(r.group_id),
      groupName: r.groupName,
      memberName: r.personName ?? r.companyName ?? 'A member',
      lastDay: formatDate(Date.parse(r.ends_at!) - 1, display),
    }));
}
