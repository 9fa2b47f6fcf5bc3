import 'server-only';
import { siteScope, type ScopedOperator } from '../auth/permissions';
import { withinScope } from '../core/scope';
import { db } from '../db';
import { inSiteScope } from '../db/scope';
import { portalEnv } from '../env';
import { addDays, dayBounds, dayOf } from '../format';
import { spintly } from '../spintly';
import { nameFor, namesById } from '../core/names';

const HOUR_S = 3600;
const DAY_S = 86_400;

/** A day (yyyy-mm-dd) a number of days before another, as a calendar date. */
export const daysBefore = (day: string, days: number): string => addDays(day, -days);

const startS = (day: string, timeZone: string) => Date.parse(dayBounds(day, timeZone).start) / 1000;

/**
 * The home page's dashboard for an admin's sites, from the portal's own tables: entries per hour today against the
 * same weekday last week, denied taps today with the doors and people behind most of them, doors with no event in a
 * day, access expiring within a week, cards issued today. Door names come from Spintly's cached door lists.
 */
export async function dashboardFor(operator: ScopedOperator, now = Date.now()) {
  const database = await db();
  const { timeZone } = portalEnv().display;
  const scope = siteScope(operator);

  const today = dayOf(now, timeZone);
  const lastWeek = daysBefore(today, 7);
  const todayS = startS(today, timeZone);
  const lastWeekS = startS(lastWeek, timeZone);
  const nowS = Math.floor(now / 1000);

  const hourly = async (fromS: number) =>
    database
      .selectFrom('activity_hourly')
      .select(['hour_s', (eb) => eb.fn.sum<number>('entries').as('entries')])
      .where('hour_s', '>=', fromS)
      .where('hour_s', '<', fromS + DAY_S)
      .where(inSiteScope('site_id', scope))
      .groupBy('hour_s')
      .execute();
  const denied = () =>
    database
      .selectFrom('access_events')
      .where('result', '=', 'denied')
      .where('occurred_at', '>=', todayS)
      .where('occurred_at', '<', todayS + DAY_S)
      .where(inSiteScope('site_id', scope));
  const expiringSoon = () =>
    database
      .selectFrom('people')
      .where('active', '=', 1)
      .where('access_expires_at', '>=', new Date(now).toISOString())
      .where('access_expires_at', '<', new Date(now + 7 * DAY_S * 1000).toISOString())
      .where(inSiteScope('home_site_id', scope));
  const client = spintly();
  const stuckBefore = new Date(now - portalEnv().pendingStuckAfterMs).toISOString();
  const [todayRows, lastWeekRows, deniedCount, deniedDoors, deniedPeople, seen, siteList, expiring, cards, stuck] =
    await Promise.all([
      hourly(todayS),
      hourly(lastWeekS),
      denied()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      denied()
        .select(['door_id', 'site_id', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['door_id', 'site_id'])
        .orderBy('n', 'desc')
        .limit(5)
        .execute(),
      denied()
        .select(['person_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('person_id', 'is not', null)
        .groupBy('person_id')
        .orderBy('n', 'desc')
        .limit(5)
        .execute(),
      database
        .selectFrom('activity_doors')
        .select(['door_id', 'last_at'])
        .where(inSiteScope('site_id', scope))
        .execute(),
      client.allSites(),
      Promise.all([
        expiringSoon()
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
        expiringSoon().select(['id', 'name', 'access_expires_at']).orderBy('access_expires_at').limit(5).execute(),
      ]),
      database
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', 'in', ['cards.issue', 'cards.replace'])
        .where('outcome', '=', 'ok')
        .where('at', '>=', dayBounds(today, timeZone).start)
        .where(inSiteScope('site_id', scope))
        .executeTakeFirstOrThrow(),
      // From the last scan of the doors (a background task), not a Spintly call per door at every refresh.
      database
        .selectFrom('pending_changes')
        .select(['door_id', 'person_id', 'site_id', 'action', 'since'])
        .where('since', '<', stuckBefore)
        .where(inSiteScope('site_id', scope))
        .orderBy('since')
        .execute(),
    ]);

  // Doors of the operator's sites (cached lists) that saw nothing for a day, or never.
  const mySites = withinScope(scope, siteList, (s) => s.id);
  const mine = new Set(mySites.map((s) => s.id));
  const doors = (await client.allDoors().catch((): Awaited<ReturnType<typeof client.allDoors>> => [])).filter((d) =>
    mine.has(d.siteId),
  );
  const doorName = namesById(doors);
  const lastSeen = new Map(seen.map((d) => [Number(d.door_id), Number(d.last_at)]));
  const quiet = doors
    .filter((d) => (lastSeen.get(d.id) ?? 0) < nowS - DAY_S)
    .map((d) => ({
      id: d.id,
      siteId: d.siteId,
      name: d.name,
      lastAt: lastSeen.has(d.id) ? new Date(lastSeen.get(d.id)! * 1000).toISOString() : null,
    }));

  const peopleToName = [
    ...new Set([...deniedPeople.map((p) => Number(p.person_id)), ...stuck.slice(0, 5).map((p) => Number(p.person_id))]),
  ];
  const names = peopleToName.length
    ? new Map(
        (await database.selectFrom('people').select(['id', 'name']).where('id', 'in', peopleToName).execute()).map(
          (p) => [Number(p.id), p.name],
        ),
      )
    : new Map<number, string>();
  const byHour = (rows: { hour_s: number; entries: number }[], fromS: number) => {
    const hours = Array.from({ length: 24 }, () => 0);
    for (const r of rows) hours[Math.floor((Number(r.hour_s) - fromS) / HOUR_S)] = Number(r.entries);
    return hours;
  };
  // Hours of today still to come are not zeros: the chart stops at the current hour.
  const hoursSoFar = Math.min(24, Math.floor((nowS - todayS) / HOUR_S) + 1);
  return {
    today,
    lastWeek,
    entries: { today: byHour(todayRows, todayS).slice(0, hoursSoFar), lastWeek: byHour(lastWeekRows, lastWeekS) },
    denied: {
      count: Number(deniedCount.n),
      doors: deniedDoors.map((d) => ({
        id: Number(d.door_id),
        name: nameFor(doorName, 'door', Number(d.door_id)),
        count: Number(d.n),
      })),
      people: deniedPeople.map((p) => ({
        id: Number(p.person_id),
        name: nameFor(names, 'person', Number(p.person_id)),
        count: Number(p.n),
      })),
    },
    quietDoors: { count: quiet.length, first: quiet.slice(0, 5) },
    expiring: {
      count: Number(expiring[0].n),
      first: expiring[1].map((p) => ({ id: Number(p.id), name: p.name, at: p.access_expires_at! })),
    },
    cardsIssuedToday: Number(cards.n),
    pendingStuck: {
      count: stuck.length,
      first: stuck.slice(0, 5).map((p) => ({
        doorId: Number(p.door_id),
        siteId: Number(p.site_id),
        doorName: nameFor(doorName, 'door', Number(p.door_id)),
        personName: nameFor(names, 'person', Number(p.person_id)),
        action: p.action,
        since: p.since!,
      })),
    },
  };
}
export type Dashboard = Awaited<ReturnType<typeof dashboardFor>>;
