import 'server-only';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import {
  companyScope,
  requestedSites,
  siteInScope,
  siteScope,
  sitesInScope,
  type ScopedOperator,
} from '../auth/permissions';
import { reachesCompany } from '../core/scope';
import { verifySession } from '../auth/session';
import { offboardingPreview } from '../companies/offboard';
import { companyChoices, getCompany, knownTerms, listCompanies, membersOf } from '../companies/store';
import { nameFor, nameOrNone, namesById } from '../core/names';
import { db } from '../db';
import { portalEnv } from '../env';
import { addDays, dayBounds, dayOf, daysBetween } from '../format';
import { spintly } from '../spintly';
import { queryFields } from '../validation/query';
import { allSiteOptions } from './sites';

/** The companies list's URL: `?search=&site=&status=`. */
export const companiesQuerySchema = z.object({
  search: queryFields.search,
  site: queryFields.id,
  status: z.enum(['active', 'ended']).optional().catch(undefined),
});
export type CompaniesQuery = z.output<typeof companiesQuerySchema>;

/** How a company's end reads: "ends in 12 days" from 30 days before, "ended" once ended. */
export function endingOf(
  company: { status: string; validUntil: string | null },
  today: string,
): { soon: boolean; daysLeft: number | null } {
  if (company.status === 'ended' || !company.validUntil) return { soon: false, daysLeft: null };
  const daysLeft = daysBetween(today, company.validUntil);
  return { soon: daysLeft <= 30, daysLeft };
}

export async function companiesPage(query: CompaniesQuery) {
  const operator = await verifySession({ capability: 'companies:read' });
  const [rows, sites] = await Promise.all([
    listCompanies(await db(), {
      search: query.search,
      site: query.site,
      status: query.status,
      sites: requestedSites(operator, query.site),
      companies: companyScope(operator),
    }),
    allSiteOptions().catch(() => []),
  ]);
  const names = namesById(sites);
  const today = dayOf(Date.now(), portalEnv().display.timeZone);
  return {
    operator,
    sites: sitesInScope(operator, sites),
    rows: rows.map((row) => ({
      ...row,
      siteNames: row.siteIds.map((id) => nameFor(names, 'site', id)),
      ...endingOf(row, today),
    })),
  };
}

/** One company: details, members (the first page), envelope doors by name, and last week's door events. */
export async function companyPage(companyId: number) {
  const operator = await verifySession({ capability: 'companies:read' });
  const database = await db();
  const company = await getCompany(database, companyId);
  if (
    !company ||
    !company.siteIds.some((id) => siteInScope(operator, id)) ||
    !reachesCompany(companyScope(operator), company.id)
  )
    notFound();
  const weekAgo = Math.floor(Date.now() / 1000) - 7 * 86_400;
  const [sites, doors, members, memberCount, events, admins] = await Promise.all([
    allSiteOptions().catch(() => []),
    spintly()
      .allDoors()
      .catch(() => null),
    database
      .selectFrom('people')
      .select(['id', 'name', 'email', 'home_site_id', 'active', 'card'])
      .where('id', 'in', membersOf(database, companyId))
      .orderBy('name_sort')
      .limit(25)
      .execute(),
    database
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', 'in', membersOf(database, companyId))
      .executeTakeFirstOrThrow(),
    database
      .selectFrom('access_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('occurred_at', '>=', weekAgo)
      .where('person_id', 'in', membersOf(database, companyId))
      .executeTakeFirstOrThrow(),
    database
      .selectFrom('operators as o')
      .innerJoin('operator_companies as oc', 'oc.operator_id', 'o.id')
      .select(['o.id', 'o.name', 'o.email', 'o.status'])
      .where('oc.company_id', '=', companyId)
      .orderBy('o.name')
      .execute(),
  ]);
  const siteNames = namesById(sites);
  const doorNames = namesById(doors ?? []);
  const today = dayOf(Date.now(), portalEnv().display.timeZone);
  return {
    operator,
    company: {
      ...company,
      sites: company.siteIds.map((id) => ({ id, name: nameFor(siteNames, 'site', id) })),
      doors: company.doorIds.map((id) => ({ id, name: nameFor(doorNames, 'door', id) })),
      ...endingOf(company, today),
    },
    members: members.map((m) => ({
      id: Number(m.id),
      name: m.name,
      email: m.email,
      homeSiteName: m.home_site_id === null ? null : nameFor(siteNames, 'site', Number(m.home_site_id)),
      active: Number(m.active) === 1,
      card: m.card,
    })),
    memberCount: Number(memberCount.n),
    eventsLastWeek: Number(events.n),
    /** The company's own admins (operators limited to it). */
    admins: admins.map((a) => ({ id: a.id, name: a.name, email: a.email, active: a.status === 'active' })),
    readAt: Date.now(),
  };
}

/** What the company form offers: the operator's sites and their doors, and the Spintly values people hold. */
export async function companyFormOptions() {
  const operator = await verifySession({ capability: 'companies:write' });
  const [sites, doors, terms] = await Promise.all([allSiteOptions(), spintly().allDoors(), knownTerms(await db())]);
  const mine = sitesInScope(operator, sites);
  const mineIds = new Set(mine.map((s) => s.id));
  return {
    sites: mine.map((s) => ({ id: s.id, name: s.name })),
    doors: doors.filter((d) => mineIds.has(d.siteId)).map((d) => ({ id: d.id, name: d.name, siteId: d.siteId })),
    terms: terms.map((t) => ({
      id: Number(t.term_id),
      label: `${t.attribute_name}: ${t.term_name}`,
      takenBy: t.company_id === null ? null : Number(t.company_id),
    })),
    today: dayOf(Date.now(), portalEnv().display.timeZone),
    defaultUntil: addDays(dayOf(Date.now(), portalEnv().display.timeZone), 365),
  };
}

export async function editCompanyPage(companyId: number) {
  const { company } = await companyPage(companyId);
  return { company, options: await companyFormOptions() };
}

/** What ending a company now would do: its members, the cards to collect, the doors they lose. */
export async function companyOffboardPage(companyId: number) {
  const { operator, company } = await companyPage(companyId);
  const [people, sites] = await Promise.all([
    offboardingPreview(await db(), companyId),
    allSiteOptions().catch(() => []),
  ]);
  const siteNames = namesById(sites);
  return {
    operator,
    company,
    people: people.map((p) => ({
      id: Number(p.id),
      name: p.name,
      card: p.card,
      homeSiteName: nameOrNone(siteNames, 'site', p.home_site_id === null ? null : Number(p.home_site_id)),
    })),
    cards: people.filter((p) => p.card).length,
  };
}

/** Companies at the operator's sites whose access ends within 30 days, soonest first: for the home page. */
export async function companiesEndingSoon(operator: ScopedOperator) {
  const today = dayOf(Date.now(), portalEnv().display.timeZone);
  const rows = await listCompanies(await db(), {
    status: 'active',
    sites: siteScope(operator),
    companies: companyScope(operator),
  });
  return rows
    .map((row) => ({
      id: row.id,
      name: row.name,
      members: row.members,
      validUntil: row.validUntil,
      ...endingOf(row, today),
    }))
    .filter((row) => row.soon);
}

/**
 * Entries today per company (the portal's day), most first, for the home page: the operator's companies with at
 * least one event today, read from the hourly counts kept as events arrive.
 */
export async function entriesTodayByCompany(operator: ScopedOperator, now = Date.now(), limit = 8) {
  const database = await db();
  const { timeZone } = portalEnv().display;
  const todayS = Date.parse(dayBounds(dayOf(now, timeZone), timeZone).start) / 1000;
  const mine = await companyChoices(database, { sites: siteScope(operator), companies: companyScope(operator) });
  if (mine.length === 0) return [];
  const rows = await database
    .selectFrom('activity_company_hourly')
    .select([
      'company_id',
      (eb) => eb.fn.sum<number>('entries').as('entries'),
      (eb) => eb.fn.sum<number>('events').as('events'),
    ])
    .where('hour_s', '>=', todayS)
    .where(
      'company_id',
      'in',
      mine.map((c) => c.id),
    )
    .groupBy('company_id')
    .execute();
  const names = namesById(mine);
  return rows
    .map((r) => ({
      id: Number(r.company_id),
      name: nameFor(names, 'company', Number(r.company_id)),
      entries: Number(r.entries),
      events: Number(r.events),
    }))
    .sort((a, b) => b.entries - a.entries || b.events - a.events || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** The companies an operator may filter by (theirs, at their sites, or at one of them), by name. */
export async function companyOptionsFor(operator: ScopedOperator, site?: number) {
  return companyChoices(await db(), { sites: requestedSites(operator, site), companies: companyScope(operator) });
}
