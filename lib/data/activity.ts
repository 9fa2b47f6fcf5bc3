import 'server-only';
import { cache } from 'react';
import { z } from 'zod';
import { companyScope, requestedSites, type ScopedOperator } from '../auth/permissions';
import { verifySession } from '../auth/session';
import { db } from '../db';
import type { AccessResult } from '../db/schema';
import { portalEnv } from '../env';
import { dayBounds } from '../format';
import {
  cursorText,
  eventsAfter,
  parseCursor,
  queryEvents,
  type EventFilter,
  type StoredEvent,
} from '../activity/query';
import { spintly } from '../spintly';
import { queryFields } from '../validation/query';
import { ACCESS_RESULTS, ACCESS_TYPES, DIRECTIONS } from '../activity/vocabulary';
import { nameFor, namesById } from '../core/names';
import { settledLater } from '../core/settled-later';
import { companyNamesByPerson } from '../companies/members';

export const ACTIVITY_PAGE_SIZE = 50;

/** `/activity`'s URL: days (YYYY-MM-DD, the portal's zone), ids, three choices, and the keyset cursor `before`. */
export const activityQuerySchema = z.object({
  from: queryFields.day,
  to: queryFields.day,
  site: queryFields.id,
  door: queryFields.id,
  person: queryFields.id,
  /** Events of a company's people. */
  company: queryFields.id,
  direction: z.enum(DIRECTIONS).optional().catch(undefined),
  type: z.enum(ACCESS_TYPES).optional().catch(undefined),
  result: z.enum(ACCESS_RESULTS).optional().catch(undefined),
  before: z
    .string()
    .regex(/^\d{1,12}\.\d{1,15}$/)
    .optional()
    .catch(undefined),
});
export type ActivityQuery = z.output<typeof activityQuerySchema>;

/**
 * The filter a query means for this operator: their sites only (a site outside them matches nothing), and for a
 * company admin their companies' people only.
 */
export function activityFilter(operator: ScopedOperator, query: ActivityQuery): EventFilter {
  const { timeZone } = portalEnv().display;
  return {
    sites: requestedSites(operator, query.site),
    companies: companyScope(operator),
    site: query.site,
    door: query.door,
    person: query.person,
    company: query.company,
    direction: query.direction,
    type: query.type,
    result: query.result,
    fromS: query.from ? Date.parse(dayBounds(query.from, timeZone).start) / 1000 : undefined,
    toS: query.to ? Date.parse(dayBounds(query.to, timeZone).end) / 1000 : undefined,
  };
}

/** An event as screens and exports show it: names looked up now (a person gone from the directory has none). */
export interface ActivityRow {
  eventId: number;
  cursor: string;
  at: string;
  siteId: number | null;
  siteName: string | null;
  doorId: number;
  doorName: string;
  personId: number | null;
  personName: string | null;
  /** The person's client company, when they have one. */
  companyName: string | null;
  direction: string | null;
  accessType: string | null;
  result: AccessResult;
}

/** Names for the events' people (the directory) and doors and sites (Spintly's lists, cached). */
export async function toActivityRows(events: readonly StoredEvent[]): Promise<ActivityRow[]> {
  if (events.length === 0) return [];
  const database = await db();
  const client = spintly();
  const personIds = [...new Set(events.map((e) => e.person_id).filter((id): id is number => id !== null))];
  const siteIds = [...new Set(events.map((e) => e.site_id).filter((id): id is number => id !== null))];
  const [people, companies, sites, doorLists] = await Promise.all([
    personIds.length > 0
      ? database.selectFrom('people').select(['id', 'name']).where('id', 'in', personIds).execute()
      : [],
    companyNamesByPerson(database, personIds),
    client.allSites(),
    Promise.all(siteIds.map((id) => client.allAccessPoints(id).catch(() => []))),
  ]);
  const personName = new Map(people.map((p) => [Number(p.id), p.name]));
  const siteName = namesById(sites);
  const doorName = namesById(doorLists.flat());
  return events.map((e) => ({
    eventId: e.event_id,
    cursor: cursorText({ at: e.occurred_at, id: e.event_id }),
    at: new Date(e.occurred_at * 1000).toISOString(),
    siteId: e.site_id,
    siteName: e.site_id === null ? null : nameFor(siteName, 'site', e.site_id),
    doorId: e.door_id,
    doorName: nameFor(doorName, 'door', e.door_id),
    personId: e.person_id,
    personName: e.person_id === null ? null : (personName.get(e.person_id) ?? null),
    companyName: e.person_id === null ? null : (companies.get(e.person_id) ?? null),
    direction: e.direction,
    accessType: e.access_type,
    result: e.result,
  }));
}

/** One page of `/activity`, newest first, and the cursor of the next (older) page. */
export async function activityPage(query: ActivityQuery) {
  const operator = await verifySession({ capability: 'activity:read' });
  const filter = activityFilter(operator, query);
  const { events, more } = await queryEvents(await db(), filter, ACTIVITY_PAGE_SIZE, parseCursor(query.before));
  const rows = await toActivityRows(events);
  return { rows, olderCursor: more ? rows[rows.length - 1]!.cursor : null, readAt: Date.now() };
}

/** Events newer than the newest a live list shows (at most 100), for the list to put on top. */
export async function activitySince(operator: ScopedOperator, query: ActivityQuery, after: string) {
  const cursor = parseCursor(after);
  if (!cursor) return [];
  return toActivityRows(await eventsAfter(await db(), activityFilter(operator, query), cursor, 100));
}

/**
 * The last events of one person or one door at the operator's sites: "Last seen" and the ten before it. Kept per
 * request (React cache, keyed by kind and id), so a page can start the query before it waits on Spintly
 * (`preloadRecentActivity`) and the panel that shows it, rendered once Spintly has answered, picks up the same query
 * instead of starting it then.
 */
const recentActivityOf = cache(async (kind: 'person' | 'door', id: number, limit: number) => {
  const operator = await verifySession({ capability: 'activity:read' });
  const filter = activityFilter(operator, kind === 'person' ? { person: id } : { door: id });
  const { events } = await queryEvents(await db(), filter, limit);
  return toActivityRows(events);
});

export type ActivitySubject = { person: number } | { door: number };

export const recentActivity = (subject: ActivitySubject, limit = 10) =>
  'person' in subject
    ? recentActivityOf('person', subject.person, limit)
    : recentActivityOf('door', subject.door, limit);

/** Starts `recentActivity(subject)` now; the panel awaits it later (and shows its error, if any, there). */
export function preloadRecentActivity(subject: ActivitySubject) {
  void settledLater(recentActivity(subject));
}
