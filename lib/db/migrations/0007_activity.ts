import type { Kysely } from 'kysely';

/**
 * The event store (lib/activity): one row per Spintly access event, from the webhook or the access history, unique on
 * Spintly's event id. It holds ids, never copies of personal data: names come from the people directory when shown,
 * so a person removed there leaves nothing here that names them. Times are epoch seconds: this is the portal's
 * largest table (100,000–200,000 rows a day at 100,000 members), and integers keep its indexes small.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('access_events')
    .addColumn('event_id', 'bigint', (c) => c.primaryKey())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('site_id', 'integer')
    .addColumn('door_id', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'integer')
    .addColumn('direction', 'text')
    .addColumn('access_type', 'text')
    /** granted | denied | unknown (Spintly's webhook does not say; never shown as granted). */
    .addColumn('result', 'text', (c) => c.notNull())
    /** webhook | history: where the row came from first. */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();
  // Newest first, overall and within each filter the activity page offers; the event id breaks ties in time.
  for (const [name, columns] of [
    ['access_events_time', ['occurred_at', 'event_id']],
    ['access_events_site', ['site_id', 'occurred_at', 'event_id']],
    ['access_events_door', ['door_id', 'occurred_at', 'event_id']],
    ['access_events_person', ['person_id', 'occurred_at', 'event_id']],
    ['access_events_result', ['result', 'occurred_at', 'event_id']],
  ] as const)
    await db.schema
      .createIndex(name)
      .on('access_events')
      .columns([...columns])
      .execute();

  // Events per site and hour, kept as events arrive: the dashboard's chart reads 48 rows, not a day of events.
  await db.schema
    .createTable('activity_hourly')
    .addColumn('site_id', 'integer', (c) => c.notNull())
    .addColumn('hour_s', 'bigint', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_hourly_pk', ['site_id', 'hour_s'])
    .execute();

  // When each door last saw an event: "doors with no event in 24 h" without scanning a day of events.
  await db.schema
    .createTable('activity_doors')
    .addColumn('door_id', 'integer', (c) => c.primaryKey())
    .addColumn('site_id', 'integer')
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .execute();

  // Permission changes Spintly has accepted and the doors' readers have not synced, as the last scan found them:
  // the dashboard's "pending too long" reads this, not one Spintly call per door at every refresh.
  await db.schema
    .createTable('pending_changes')
    .addColumn('door_id', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('site_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('since', 'text')
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pending_changes_pk', ['door_id', 'person_id'])
    .execute();
}
