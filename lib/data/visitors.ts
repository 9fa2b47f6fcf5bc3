import 'server-only';
import { visitorNotice } from '../visitors/notice';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { can, companyScope, limitedToCompanies, siteInScope } from '../auth/permissions';
import { companiesOfPeople } from '../companies/members';
import { reachesCompany } from '../core/scope';
import { verifySession } from '../auth/session';
import { db } from '../db';
import { portalEnv } from '../env';
import { clockTimeOf, dayBounds, dayOf, formatDateTime, showDay } from '../format';
import { spintly } from '../spintly';
import { queryFields } from '../validation/query';
import { visitStatus, type VisitStatus } from '../visitors/status';
import { getVisit, seenAtDoors, seenKey, siteVisitorDoors, visitsBetween, type Visit } from '../visitors/store';
import { siteOptionsFor, type SiteOption } from './sites';
import { grantableDoors, onlyGrantable } from './grantable';
import { nameFor, namesById } from '../core/names';

/** A visit as pages show it. */
export interface VisitView {
  id: string;
  visitorName: string;
  visitorPhone: string;
  visitorEmail: string | null;
  hostId: number;
  hostName: string;
  siteId: number;
  siteName: string;
  startsAt: string;
  endsAt: string;
  doors: { id: number; name: string }[];
  card: string | null;
  status: VisitStatus;
  open: boolean;
}

export const visitorsQuerySchema = z.object({
  site: queryFields.id,
  day: queryFields.day,
  search: queryFields.search,
});

async function doorNames(siteId: number): Promise<Map<number, string>> {
  const doors = await spintly()
    .allAccessPoints(siteId)
    .catch(() => []);
  return namesById(doors);
}

function toView(visit: Visit, site: string, doors: ReadonlyMap<number, string>, seen: boolean, now: number): VisitView {
  const status = visitStatus(visit, seen, now);
  return {
    id: visit.id,
    visitorName: visit.visitorName,
    visitorPhone: visit.visitorPhone,
    visitorEmail: visit.visitorEmail,
    hostId: visit.hostId,
    hostName: visit.hostName,
    siteId: visit.siteId,
    siteName: site,
    startsAt: visit.startsAt,
    endsAt: visit.endsAt,
    doors: visit.doorIds.map((id) => ({ id, name: nameFor(doors, 'door', id) })),
    card: visit.card,
    status,
    open: status === 'expected' || status === 'in',
  };
}

/** /visitors: a site's visits on a day (today by default), searched; the operator's sites only. */
export async function visitorsPage(query: z.output<typeof visitorsQuerySchema>) {
  const operator = await verifySession({ capability: 'visitors:write' });
  const { display } = portalEnv();
  const sites = await siteOptionsFor(operator);
  const site = sites.find((s) => s.id === query.site) ?? sites[0];
  const day = query.day ?? dayOf(Date.now(), display.timeZone);
  if (!site) return { sites, site: null, day, visits: [] as VisitView[] };
  const { start, end } = dayBounds(day, display.timeZone);
  const database = await db();
  const visits = await visitsBetween(database, {
    siteId: site.id,
    from: start,
    to: end,
    search: query.search,
    hosts: companyScope(operator),
  });
  const [seen, doors] = await Promise.all([seenAtDoors(database, visits), doorNames(site.id)]);
  const now = Date.now();
  return {
    sites,
    site,
    day,
    visits: visits.map((v) => toView(v, site.name, doors, seen.has(seenKey(v)), now)),
  };
}

/**
 * One visit, if it is at one of the operator's sites (for a company admin: hosted by one of their people); 404
 * otherwise (as if it did not exist).
 */
export async function visitPage(id: string) {
  const operator = await verifySession({ capability: 'visitors:write' });
  const database = await db();
  const visit = z.uuid().safeParse(id).success ? await getVisit(database, id) : null;
  if (!visit || !siteInScope(operator, visit.siteId)) notFound();
  if (limitedToCompanies(operator)) {
    const hostCompany = (await companiesOfPeople(database, [visit.hostId])).get(visit.hostId);
    if (!reachesCompany(companyScope(operator), hostCompany)) notFound();
  }
  const [sites, doors, seen, grantable] = await Promise.all([
    siteOptionsFor(operator),
    spintly()
      .allAccessPoints(visit.siteId)
      .catch(() => []),
    seenAtDoors(database, [visit]),
    grantableDoors(operator),
  ]);
  const names = namesById(doors);
  const siteName = sites.find((s) => s.id === visit.siteId)?.name ?? `Site ${visit.siteId}`;
  return {
    visit: toView(visit, siteName, names, seen.has(seenKey(visit)), Date.now()),
    notice: visit.noticeAcceptedAt
      ? `Version ${visit.noticeVersion ?? '?'}, accepted ${formatDateTime(visit.noticeAcceptedAt, portalEnv().display)}`
      : 'Not recorded (registered before notices were kept)',
    siteDoors: onlyGrantable(doors, grantable).map((d) => ({ id: d.id, name: d.name })),
    maxHours: portalEnv().visitors.maxHours,
    display: portalEnv().display,
  };
}

/** The registration form: the operator's sites, the chosen site's doors with its visitor doors ticked, defaults. */
export async function newVisitorPage(siteId: number | undefined) {
  const operator = await verifySession({ capability: 'visitors:write' });
  const { display, visitors } = portalEnv();
  const sites: SiteOption[] = await siteOptionsFor(operator);
  const site = sites.find((s) => s.id === siteId) ?? sites[0] ?? null;
  // A company admin's visitors get their company's envelope doors only.
  const [doors, visitorDoors] = site
    ? await Promise.all([
        Promise.all([spintly().allAccessPoints(site.id), grantableDoors(operator)]).then(([all, grantable]) =>
          onlyGrantable(all, grantable),
        ),
        siteVisitorDoors(await db(), site.id),
      ])
    : [[], []];
  // Now, rounded down to 5 minutes: the visit starts at once and reads as a time someone would say.
  const start = Math.floor(Date.now() / 300_000) * 300_000;
  return {
    sites,
    site,
    doors: doors.map((d) => ({ id: d.id, name: d.name })),
    defaults: {
      // As the form shows it (dd/mm/yyyy): formatted here so the form's first load carries no date code.
      day: showDay(dayOf(start, display.timeZone)),
      from: clockTimeOf(start, display.timeZone),
      hours: Math.min(4, visitors.maxHours),
      doorIds: visitorDoors.filter((id) => doors.some((d) => d.id === id)),
    },
    maxHours: visitors.maxHours,
    lendsCards: can(operator, 'cards:write'),
    notice: visitorNotice(visitors),
  };
}

/** The visitor doors of a site, for its page's setting. */
export async function visitorDoorsOf(siteId: number) {
  return siteVisitorDoors(await db(), siteId);
}
