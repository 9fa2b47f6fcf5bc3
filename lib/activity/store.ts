import 'server-only';
import { sql, type Kysely } from 'kysely';
import { companiesOfPeople } from '../companies/members';
import type { AccessEventsTable, AccessResult, Database } from '../db/schema';
import type { AccessEvent, AccessEventWebhook } from '../spintly/contract';
import { ACCESS_TYPES, DIRECTIONS } from './vocabulary';

/**
 * Spintly's access events as the event store keeps them: ids and facts, no personal data. Both sources (the webhook
 * and the access history) become the same row; the first to arrive writes it, and a later one only tells an outcome
 * the first did not know (the webhook carries none; the history does).
 */
export type EventRow = Omit<AccessEventsTable, 'received_at'>;

const resultOf = (granted: boolean | null | undefined): AccessResult =>
  granted === true ? 'granted' : granted === false ? 'denied' : 'unknown';
const oneOf = <T extends string>(value: string | null | undefined, allowed: readonly T[]): T | null => {
  const lower = value?.toLowerCase();
  return allowed.find((a) => a === lower) ?? null;
};

/** Seconds since the epoch; a value in milliseconds (13 digits) is recognised by its size. */
export const epochSeconds = (value: number) => (value > 100_000_000_000 ? Math.floor(value / 1000) : value);

export function fromWebhook(data: AccessEventWebhook['messageData']['data']): EventRow {
  return {
    event_id: data.eventId,
    occurred_at: epochSeconds(data.eventTimeEpoch),
    site_id: data.siteId ?? null,
    door_id: data.accessPointId,
    person_id: data.accessorId ?? data.orgUserId ?? null,
    direction: oneOf(data.direction, DIRECTIONS),
    access_type: oneOf(data.accessType, ACCESS_TYPES),
    result: resultOf(data.granted),
    source: 'webhook',
  };
}

/** A history item; its door's site comes from the door list (the item names the door only). */
export function fromHistory(item: AccessEvent, siteOfDoor: (doorId: number) => number | null): EventRow {
  return {
    event_id: item.id,
    occurred_at: item.accessedAt,
    site_id: siteOfDoor(item.accessPoint.id),
    door_id: item.accessPoint.id,
    person_id: item.accessorId,
    direction: oneOf(item.direction, DIRECTIONS),
    access_type: oneOf(item.accessType, ACCESS_TYPES),
    result: resultOf(item.granted),
    source: 'history',
  };
}

/** Rows per insert: well inside SQLite's 32,766 bound parameters at 10 columns. */
const BATCH = 500;

/**
 * Writes events. Which are new is what the insert itself reports (`on conflict do nothing … returning`), so two
 * instances storing the same event at once count it once. An event already stored keeps its row, except that an
 * unknown outcome or a missing site is filled in when the new copy knows it. New events are added to the hourly
 * counts. Returns the ids that were new.
 */
export async function storeEvents(
  db: Kysely<Database>,
  rows: readonly EventRow[],
  receivedAt = Date.now(),
): Promise<Set<number>> {
  const added = new Set<number>();
  for (let i = 0; i < rows.length; i += BATCH) {
    // One row per event id within the batch (the same event twice in one insert would conflict with itself).
    const batch = [...new Map(rows.slice(i, i + BATCH).map((r) => [r.event_id, r])).values()];
    await db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('access_events')
        .values(batch.map((r) => ({ ...r, received_at: receivedAt })))
        .onConflict((oc) => oc.column('event_id').doNothing())
        .returning('event_id')
        .execute();
      const fresh = new Set(inserted.map((r) => Number(r.event_id)));
      for (const id of fresh) added.add(id);
      const newRows = batch.filter((r) => fresh.has(r.event_id));
      await countHourly(tx, newRows);
      await countCompanyHourly(tx, newRows);
      await markDoorsSeen(tx, newRows);
      await fillIn(
        tx,
        batch.filter((r) => !fresh.has(r.event_id) && (r.result !== 'unknown' || r.site_id !== null)),
      );
    });
  }
  return added;
}

const HOUR_S = 3600;

async function markDoorsSeen(db: Kysely<Database>, rows: readonly EventRow[]) {
  const latest = new Map<number, EventRow>();
  for (const r of rows) if ((latest.get(r.door_id)?.occurred_at ?? -1) < r.occurred_at) latest.set(r.door_id, r);
  if (latest.size === 0) return;
  await db
    .insertInto('activity_doors')
    .values([...latest.values()].map((r) => ({ door_id: r.door_id, site_id: r.site_id, last_at: r.occurred_at })))
    .onConflict((oc) =>
      oc.column('door_id').doUpdateSet((eb) => ({
        last_at: sql<number>`case when ${eb.ref('excluded.last_at')} > ${eb.ref('activity_doors.last_at')} then ${eb.ref('excluded.last_at')} else ${eb.ref('activity_doors.last_at')} end`,
        site_id: eb.fn.coalesce('excluded.site_id', 'activity_doors.site_id'),
      })),
    )
    .execute();
}

async function countHourly(db: Kysely<Database>, rows: readonly EventRow[]) {
  const counts = new Map<string, { site_id: number; hour_s: number; events: number; entries: number }>();
  for (const r of rows) {
    const site_id = r.site_id ?? 0;
    const hour_s = r.occurred_at - (r.occurred_at % HOUR_S);
    const key = `${site_id}:${hour_s}`;
    const c = counts.get(key) ?? { site_id, hour_s, events: 0, entries: 0 };
    c.events++;
    if (r.direction === 'entry') c.entries++;
    counts.set(key, c);
  }
  if (counts.size === 0) return;
  await db
    .insertInto('activity_hourly')
    .values([...counts.values()])
    .onConflict((oc) =>
      oc.columns(['site_id', 'hour_s']).doUpdateSet((eb) => ({
        events: eb('activity_hourly.events', '+', eb.ref('excluded.events')),
        entries: eb('activity_hourly.entries', '+', eb.ref('excluded.entries')),
      })),
    )
    .execute();
}

/** The same hourly counts per client company, for the events whose person belongs to one (two indexed reads). */
async function countCompanyHourly(db: Kysely<Database>, rows: readonly EventRow[]) {
  const people = [...new Set(rows.map((r) => r.person_id).filter((id): id is number => id !== null))];
  if (people.length === 0) return;
  const companyOf = await companiesOfPeople(db, people);
  if (companyOf.size === 0) return;
  const counts = new Map<string, { company_id: number; hour_s: number; events: number; entries: number }>();
  for (const r of rows) {
    const company_id = r.person_id === null ? undefined : companyOf.get(r.person_id);
    if (company_id === undefined) continue;
    const hour_s = r.occurred_at - (r.occurred_at % HOUR_S);
    const key = `${company_id}:${hour_s}`;
    const c = counts.get(key) ?? { company_id, hour_s, events: 0, entries: 0 };
    c.events++;
    if (r.direction === 'entry') c.entries++;
    counts.set(key, c);
  }
  if (counts.size === 0) return;
  await db
    .insertInto('activity_company_hourly')
    .values([...counts.values()])
    .onConflict((oc) =>
      oc.columns(['company_id', 'hour_s']).doUpdateSet((eb) => ({
        events: eb('activity_company_hourly.events', '+', eb.ref('excluded.events')),
        entries: eb('activity_company_hourly.entries', '+', eb.ref('excluded.entries')),
      })),
    )
    .execute();
}

/** A second copy of stored events: tell what the first did not (the webhook carries no outcome; the history does). */
async function fillIn(db: Kysely<Database>, rows: readonly EventRow[]) {
  if (rows.length === 0) return;
  const stored = await db
    .selectFrom('access_events')
    .select(['event_id', 'result', 'site_id'])
    .where(
      'event_id',
      'in',
      rows.map((r) => r.event_id),
    )
    .execute();
  const byId = new Map(stored.map((s) => [Number(s.event_id), s]));
  for (const r of rows) {
    const s = byId.get(r.event_id);
    if (!s) continue;
    const result = s.result === 'unknown' && r.result !== 'unknown' ? r.result : null;
    const site = s.site_id === null && r.site_id !== null ? r.site_id : null;
    if (result === null && site === null) continue;
    await db
      .updateTable('access_events')
      .set({ ...(result && { result }), ...(site !== null && { site_id: site }) })
      .where('event_id', '=', r.event_id)
      .execute();
  }
}
