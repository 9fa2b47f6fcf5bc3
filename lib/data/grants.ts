import 'server-only';
import { companyScope, siteInScope, siteScope, type ScopedOperator } from '../auth/permissions';
import { membersOfAny } from '../companies/members';
import { inSiteScope } from '../db/scope';
import { compareNames, nameFor, namesById } from '../core/names';
import { spintly } from '../spintly';
import { db } from '../db';
import { portalEnv } from '../env';
import { formatDateTime } from '../format';
import { openGrantsOf } from '../grants/store';
import { grantableDoors, onlyGrantable } from './grantable';
import { allSiteOptions } from './sites';

/** "Ending within 7 days": the home page's lists and the person page's highlight. */
export const WEEK_MS = 7 * 86_400_000;

/**
 * A person's temporary access for their page: each open grant with an end (or a later start), soonest end first,
 * with who set it and why. The doors that may be given are asked for when the form opens (`temporaryDoorChoices`).
 */
export async function temporaryAccessFacts(personId: number) {
  return openGrantsOf(await db(), personId);
}

/**
 * How doors are named where several sites' doors are listed together: "Main Entrance · Koramangala Hub" (names
 * repeat across sites); with one site, just the door's name.
 */
function doorLabels(
  doors: readonly { id: number; name: string; siteId: number }[],
  sites: readonly { id: number; name: string }[],
) {
  const siteName = namesById(sites);
  const several = new Set(doors.map((d) => d.siteId)).size > 1;
  return new Map(
    doors.map((d) => [d.id, several ? `${d.name} · ${nameFor(siteName, 'site', d.siteId)}` : d.name] as const),
  );
}

/**
 * The person page's temporary access panel: the facts above (read while the page waits on Spintly) with the
 * person's doors as Spintly gave them (those at the operator's sites).
 */
export function temporaryAccessView(
  open: Awaited<ReturnType<typeof temporaryAccessFacts>>,
  doors: readonly { id: number; name: string; siteId: number }[],
  sites: readonly { id: number; name: string }[],
  now = Date.now(),
) {
  const { display } = portalEnv();
  const names = doorLabels(doors, sites);
  return (
    open
      // Only doors of the operator's sites are shown (the page's door list is already limited to them).
      // Direct grants only: a group membership's end is the group's (its page), not one door's.
      .filter((g) => g.source === 'direct' && (g.endsAt !== null || g.startedAt === null) && names.has(g.doorId))
      .sort((a, b) => (a.endsAt ?? '9').localeCompare(b.endsAt ?? '9'))
      .map((g) => ({
        id: g.id,
        doorId: g.doorId,
        doorName: names.get(g.doorId)!,
        endsAt: g.endsAt,
        endsText: g.endsAt ? formatDateTime(g.endsAt, display) : null,
        startsText: g.startedAt === null && g.startsAt ? formatDateTime(g.startsAt, display) : null,
        endingSoon: g.endsAt !== null && Date.parse(g.endsAt) - now <= WEEK_MS,
        setBy: g.grantedByName,
        reason: g.reason,
      }))
  );
}

/**
 * The doors the operator may give someone for a while, by name: every door at their sites (a company admin's, their
 * companies' envelope doors), named as on the person page. Asked for when the form opens, not with the page: a super
 * admin over dozens of sites has thousands, which no person page should carry until someone wants to choose one.
 */
export async function temporaryDoorChoices(operator: ScopedOperator) {
  const [sites, doors, grantable] = await Promise.all([
    allSiteOptions(),
    spintly().allDoors(),
    grantableDoors(operator),
  ]);
  const mine = onlyGrantable(
    doors.filter((d) => siteInScope(operator, d.siteId)),
    grantable,
  );
  const names = doorLabels(mine, sites);
  return mine.map((d) => ({ id: d.id, name: names.get(d.id)! })).sort((a, b) => compareNames(a.name, b.name));
}

/**
 * Temporary (direct) access ending within 7 days for the home page: the operator's people (their sites; a company admin's,
 * their companies'), soonest first, at most `limit`, each linked to the person's page where Extend is.
 */
export async function accessEndingSoon(operator: ScopedOperator, now = Date.now(), limit = 10) {
  const database = await db();
  const companies = companyScope(operator);
  if (!companies.all && companies.companies.length === 0) return [];
  let query = database
    .selectFrom('grants as g')
    .innerJoin('people as p', 'p.id', 'g.person_id')
    .select(['g.id', 'g.person_id', 'g.door_id', 'g.ends_at', 'p.name'])
    .where('g.ended_at', 'is', null)
    .where('g.source', '=', 'direct')
    .where('g.ends_at', '>', new Date(now).toISOString())
    .where('g.ends_at', '<=', new Date(now + WEEK_MS).toISOString())
    .where(inSiteScope('home_site_id', siteScope(operator)));
  if (!companies.all) query = query.where('g.person_id', 'in', membersOfAny(database, companies.companies));
  const rows = await query.orderBy('g.ends_at').limit(limit).execute();
  if (rows.length === 0) return [];
  const doors = namesById(
    await spintly()
      .allDoors()
      .catch(() => []),
  );
  const { display } = portalEnv();
  return rows.map((r) => ({
    id: r.id,
    personId: Number(r.person_id),
    personName: r.name,
    doorName: nameFor(doors, 'door', Number(r.door_id)),
    endsText: formatDateTime(r.ends_at!, display),
  }));
}
