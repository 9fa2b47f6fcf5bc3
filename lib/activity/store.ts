import 'server-only';
import type { Kysely } from 'kysely';
import type { AccessEventsTable, AccessResult, Database } from '../db/schema';
import type { AccessEvent, AccessEventWebhook } from '../spintly/contract';

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
const DIRECTIONS = ['entry', 'exit'] as const;
const ACCESS_TYPES = ['card', 'mobile', 'fingerprint', 'face', 'pin', 'remote'] as const;

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
 * Writes events; an event already stored is left as it is, except that an unknown outcome (or a missing site) is
 * filled in when the new copy knows it. Returns the ids that were new.
 */
export async function storeEvents(
  db: Kysely<Database>,
  rows: readonly EventRow[],
  receivedAt = Date.now(),
): Promise<Set<number>> {
  const added = new Set<number>();
  for (let i = 0; i < rows.length; i += BATCH) {
    // One row per event id within the batch too (the same event twice in one batch would conflict with itself).
    const batch = [...new Map(rows.slice(i, i + BATCH).map((r) => [r.event_id, r])).values()];
    const before = await db
      .selectFrom('access_events')
      .select('event_id')
      .where(
        'event_id',
        'in',
        batch.map((r) => r.event_id),
      )
      .execute();
    const known = new Set(before.map((r) => Number(r.event_id)));
    for (const r of batch) if (!known.has(r.event_id)) added.add(r.event_id);
    await db
      .insertInto('access_events')
      .values(batch.map((r) => ({ ...r, received_at: receivedAt })))
      .onConflict((oc) =>
        oc
          .column('event_id')
          .doUpdateSet((eb) => ({
            result: eb
              .case()
              .when('access_events.result', '=', 'unknown')
              .then(eb.ref('excluded.result'))
              .else(eb.ref('access_events.result'))
              .end(),
            site_id: eb.fn.coalesce('access_events.site_id', 'excluded.site_id'),
          }))
          .where((eb) =>
            eb.or([
              eb.and([eb('access_events.result', '=', 'unknown'), eb('excluded.result', '!=', 'unknown')]),
              eb.and([eb('access_events.site_id', 'is', null), eb('excluded.site_id', 'is not', null)]),
            ]),
          ),
      )
      .execute();
  }
  return added;
}
