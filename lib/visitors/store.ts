import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, VisitsTable } from '../db/schema';
import type { CompanyScope } from '../core/scope';
import { membersOfAny } from '../companies/members';

export type VisitRow = Selectable<VisitsTable>;

/** A visit as the portal works with it (ids as numbers, doors as a list). */
export interface Visit {
  id: string;
  requestKey: string;
  visitorId: number;
  visitorName: string;
  visitorPhone: string;
  visitorEmail: string | null;
  hostId: number;
  hostName: string;
  siteId: number;
  startsAt: string;
  endsAt: string;
  doorIds: number[];
  meetingId: number | null;
  card: string | null;
  endedAt: string | null;
  endedHow: 'ended' | 'expired' | null;
  createdBy: string;
  createdAt: string;
  noticeVersion: string | null;
  noticeAcceptedAt: string | null;
}

export function toVisit(row: VisitRow): Visit {
  return {
    id: row.id,
    requestKey: row.request_key,
    visitorId: Number(row.visitor_id),
    visitorName: row.visitor_name,
    visitorPhone: row.visitor_phone,
    visitorEmail: row.visitor_email,
    hostId: Number(row.host_id),
    hostName: row.host_name,
    siteId: Number(row.site_id),
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    doorIds: (JSON.parse(row.door_ids) as number[]).map(Number),
    meetingId: row.meeting_id === null ? null : Number(row.meeting_id),
    card: row.card,
    endedAt: row.ended_at,
    endedHow: row.ended_how,
    createdBy: row.created_by,
    createdAt: row.created_at,
    noticeVersion: row.notice_version,
    noticeAcceptedAt: row.notice_accepted_at,
  };
}

export type NewVisit = Omit<
  Visit,
  'id' | 'meetingId' | 'card' | 'endedAt' | 'endedHow' | 'createdAt' | 'noticeVersion' | 'noticeAcceptedAt'
> &
  Partial<Pick<Visit, 'noticeVersion' | 'noticeAcceptedAt'>>;

/** Writes a visit; a second write with the same request key (a form sent twice) returns the first. */
export async function insertVisit(db: Kysely<Database>, visit: NewVisit, now = new Date()): Promise<Visit> {
  await db
    .insertInto('visits')
    .values({
      id: randomUUID(),
      request_key: visit.requestKey,
      visitor_id: visit.visitorId,
      visitor_name: visit.visitorName,
      visitor_phone: visit.visitorPhone,
      visitor_email: visit.visitorEmail,
      host_id: visit.hostId,
      host_name: visit.hostName,
      site_id: visit.siteId,
      starts_at: visit.startsAt,
      ends_at: visit.endsAt,
      door_ids: JSON.stringify(visit.doorIds),
      meeting_id: null,
      card: null,
      ended_at: null,
      ended_how: null,
      created_by: visit.createdBy,
      created_at: now.toISOString(),
      notice_version: visit.noticeVersion ?? null,
      notice_accepted_at: visit.noticeAcceptedAt ?? null,
    })
    .onConflict((oc) => oc.column('request_key').doNothing())
    .execute();
  return (await visitByKey(db, visit.requestKey))!;
}

export async function visitByKey(db: Kysely<Database>, requestKey: string): Promise<Visit | null> {
  const row = await db.selectFrom('visits').selectAll().where('request_key', '=', requestKey).executeTakeFirst();
  return row ? toVisit(row) : null;
}

export async function getVisit(db: Kysely<Database>, id: string): Promise<Visit | null> {
  const row = await db.selectFrom('visits').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toVisit(row) : null;
}

export async function updateVisit(
  db: Kysely<Database>,
  id: string,
  patch: Partial<Pick<Visit, 'meetingId' | 'card' | 'endsAt' | 'doorIds' | 'endedAt' | 'endedHow'>>,
) {
  await db
    .updateTable('visits')
    .set({
      ...(patch.meetingId !== undefined && { meeting_id: patch.meetingId }),
      ...(patch.card !== undefined && { card: patch.card }),
      ...(patch.endsAt !== undefined && { ends_at: patch.endsAt }),
      ...(patch.doorIds !== undefined && { door_ids: JSON.stringify(patch.doorIds) }),
      ...(patch.endedAt !== undefined && { ended_at: patch.endedAt }),
      ...(patch.endedHow !== undefined && { ended_how: patch.endedHow }),
    })
    .where('id', '=', id)
    .execute();
}

/** Where each visit is, who hosts it and whom it is for (visits that do not exist are absent): for scope checks. */
export async function hostsOfVisits(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, { siteId: number; hostId: number; visitorName: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('visits')
    .select(['id', 'site_id', 'host_id', 'visitor_name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(
    rows.map((r) => [r.id, { siteId: Number(r.site_id), hostId: Number(r.host_id), visitorName: r.visitor_name }]),
  );
}

/**
 * Visits at a site whose window overlaps [from, to], newest start first; `search` matches visitor, phone or host;
 * `hosts` limits them to the visits a company admin's people host.
 */
export async function visitsBetween(
  db: Kysely<Database>,
  filter: { siteId: number; from: string; to: string; search?: string | undefined; hosts?: CompanyScope | undefined },
  limit = 500,
): Promise<Visit[]> {
  let query = db
    .selectFrom('visits')
    .selectAll()
    .where('site_id', '=', filter.siteId)
    .where('starts_at', '<=', filter.to)
    .where('ends_at', '>=', filter.from);
  if (filter.hosts && !filter.hosts.all) {
    if (filter.hosts.companies.length === 0) return [];
    query = query.where('host_id', 'in', membersOfAny(db, filter.hosts.companies));
  }
  const needle = filter.search?.trim().toLowerCase();
  if (needle) {
    const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['visitor_name']), 'like', pattern),
        eb('visitor_phone', 'like', pattern),
        eb(eb.fn('lower', ['host_name']), 'like', pattern),
      ]),
    );
  }
  return (await query.orderBy('starts_at', 'desc').orderBy('id').limit(limit).execute()).map(toVisit);
}

/** Open visits whose window is over: the expiry task ends them. */
export async function visitsToExpire(db: Kysely<Database>, now: Date, limit = 200): Promise<Visit[]> {
  const rows = await db
    .selectFrom('visits')
    .selectAll()
    .where('ended_at', 'is', null)
    .where('ends_at', '<=', now.toISOString())
    .orderBy('ends_at')
    .limit(limit)
    .execute();
  return rows.map(toVisit);
}

/** Other open visits of the same visitor (another site, a visit tomorrow): their user stays active for those. */
export async function otherOpenVisits(db: Kysely<Database>, visit: Visit): Promise<number> {
  const row = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('visitor_id', '=', visit.visitorId)
    .where('id', '!=', visit.id)
    .where('ended_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Visitors whose every visit ended before `before`: kept no longer (VISITOR_RETENTION_DAYS). */
export async function visitorsToForget(db: Kysely<Database>, before: Date, limit = 500): Promise<number[]> {
  const rows = await db
    .selectFrom('visits')
    .select('visitor_id')
    .groupBy('visitor_id')
    .having((eb) =>
      eb.and([
        eb(eb.fn.max('ends_at'), '<', before.toISOString()),
        // Every visit ended: count(ended_at) skips the open ones.
        eb(eb.fn.count('ended_at'), '=', eb.fn.countAll()),
      ]),
    )
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.visitor_id));
}

export async function forgetVisitor(db: Kysely<Database>, visitorId: number) {
  await db.deleteFrom('visits').where('visitor_id', '=', visitorId).execute();
}

/** Which of these people were seen at a door of the site since `since` (epoch s): "in", for the visit list. */
export async function seenAtDoors(
  db: Kysely<Database>,
  visits: readonly Pick<Visit, 'visitorId' | 'siteId' | 'startsAt'>[],
): Promise<Set<string>> {
  if (visits.length === 0) return new Set();
  const earliest = Math.floor(Math.min(...visits.map((v) => Date.parse(v.startsAt))) / 1000);
  const rows = await db
    .selectFrom('access_events')
    .select(['person_id', 'site_id', 'occurred_at'])
    .where('person_id', 'in', [...new Set(visits.map((v) => v.visitorId))])
    .where('occurred_at', '>=', earliest)
    .where('result', '!=', 'denied')
    .execute();
  const seen = new Set<string>();
  for (const visit of visits) {
    const from = Date.parse(visit.startsAt) / 1000;
    if (
      rows.some(
        (r) =>
          Number(r.person_id) === visit.visitorId &&
          Number(r.site_id) === visit.siteId &&
          Number(r.occurred_at) >= from,
      )
    )
      seen.add(seenKey(visit));
  }
  return seen;
}

export const seenKey = (v: Pick<Visit, 'visitorId' | 'siteId' | 'startsAt'>) =>
  `${v.visitorId}:${v.siteId}:${v.startsAt}`;

export async function siteVisitorDoors(db: Kysely<Database>, siteId: number): Promise<number[]> {
  const rows = await db.selectFrom('site_visitor_doors').select('door_id').where('site_id', '=', siteId).execute();
  return rows.map((r) => Number(r.door_id)).sort((a, b) => a - b);
}

export async function setSiteVisitorDoors(db: Kysely<Database>, siteId: number, doorIds: readonly number[]) {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('site_visitor_doors').where('site_id', '=', siteId).execute();
    if (doorIds.length > 0)
      await tx
        .insertInto('site_visitor_doors')
        .values([...new Set(doorIds)].map((door_id) => ({ site_id: siteId, door_id })))
        .execute();
  });
}
