import type { Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Database } from '../db';
import { describeDatabases } from '../db/test-databases';
import type { AccessEvent } from '../spintly/contract';
import { recordRun } from '../worker/runner';
import { historyTime, type HistorySource } from './history';
import {
  HISTORY_TASK,
  doorPendingOf,
  pruneEvents,
  recordDoorSeen,
  recordPending,
  runHistory,
  type DoorPending,
} from './tasks';
import { eventsAfter, queryEvents, streamEvents } from './query';
import { EVERY_SITE, NO_SITE, onlySites } from '../core/scope';
import { doorHolders } from '../core/holders';

let db: Kysely<Database>;
const NOW = Date.parse('2026-11-30T10:00:00Z');
const nowS = NOW / 1000;

function item(id: number, accessedAt: number, granted = true): AccessEvent {
  return {
    id,
    accessorId: 1000 + (id % 7),
    accessedAt,
    direction: 'entry',
    accessType: 'card',
    mobileAccessMode: null,
    createdAt: new Date(accessedAt * 1000).toISOString(),
    user: { id: 1000 + (id % 7), name: 'Someone', employeeCode: null },
    accessPoint: { id: 500 + (id % 3), name: 'Door', location: null },
    granted,
  };
}

/** Spintly's history as a list the test fills; `walks` records each window asked for. */
function fakeHistory(events: AccessEvent[]) {
  const walks: [number, number][] = [];
  const source: HistorySource = {
    async walk(fromS, toS, onPage) {
      walks.push([fromS, toS]);
      const inWindow = events.filter((e) => e.accessedAt >= fromS && e.accessedAt <= toS).reverse();
      const pages = Math.max(1, Math.ceil(inWindow.length / 3));
      for (let p = 0; p < pages; p++) await onPage(inWindow.slice(p * 3, p * 3 + 3), { read: p + 1, total: pages });
    },
    siteOfDoor: async () => (doorId) => (doorId === 502 ? 2 : 1),
  };
  return { walks, source };
}

const stored = async () =>
  (await db.selectFrom('access_events').select(['event_id', 'site_id', 'source']).orderBy('event_id').execute()).map(
    (r) => Number(r.event_id),
  );

/** A run as the worker records it (the next run starts from its recorded end). */
const run = (source: HistorySource, at: number, days = 7) =>
  recordRun(
    db,
    HISTORY_TASK,
    'test',
    () => runHistory(db, source, at, days),
    () => at,
  );

describeDatabases('activity history', (database) => {
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(() => db.destroy());

  it('the first run backfills the last N days; later runs read on from where the last ended, so a gap is repaired', async () => {
    const events = [
      item(1, nowS - 8 * 86_400), // before the backfill window
      item(2, nowS - 6 * 86_400),
      item(3, nowS - 3_600),
      item(4, nowS - 600, false),
    ];
    const history = fakeHistory(events);
    await run(history.source, NOW);
    expect(await stored()).toEqual([2, 3, 4]);
    expect(history.walks[0]![0]).toBe(nowS - 60 - 7 * 86_400);

    // The portal was down for two hours; the webhook brought only the newest event since.
    events.push(item(5, nowS + 1_800), item(6, nowS + 5_400));
    await db
      .insertInto('access_events')
      .values({
        event_id: 7,
        occurred_at: nowS + 7_100,
        site_id: 1,
        door_id: 501,
        person_id: null,
        direction: null,
        access_type: null,
        result: 'unknown',
        source: 'webhook',
        received_at: NOW,
      })
      .execute();
    await run(history.source, NOW + 7_200_000);
    // Read from the last run's end (less the overlap), not from the newest stored event.
    expect(history.walks[1]![0]).toBe(nowS - 60 - 15 * 60);
    expect(await stored()).toEqual([2, 3, 4, 5, 6, 7]);
    const rows = await db.selectFrom('access_events').selectAll().where('event_id', '=', 4).execute();
    expect(rows[0]).toMatchObject({ result: 'denied', source: 'history', site_id: 1 });
    // The hourly counts saw each event once, though the repair read some of them again.
    await run(history.source, NOW + 7_500_000);
    const counted = await db
      .selectFrom('activity_hourly')
      .select((eb) => eb.fn.sum<number>('events').as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(5); // 2–6 from the history; 7 was written straight into the table by the test
  });

  it('a failed read records a failed run and the next one reads the same window again', async () => {
    const events = [item(1, nowS - 3_600)];
    const history = fakeHistory(events);
    let fail = true;
    const flaky: HistorySource = {
      ...history.source,
      walk: async (fromS, toS, onPage) => {
        if (fail) throw new Error('Spintly is not answering right now.');
        return history.source.walk(fromS, toS, onPage);
      },
    };
    expect(await run(flaky, NOW)).toBe('failed');
    fail = false;
    expect(await run(flaky, NOW + 300_000)).toBe('ok');
    // No run had finished: the whole backfill window again, not from the failed run's time.
    expect(history.walks[0]![0]).toBe(nowS + 300 - 60 - 7 * 86_400);
    expect(await stored()).toEqual([1]);
  });

  it('retention prunes events older than the cut-off, in slices', async () => {
    const history = fakeHistory(Array.from({ length: 25 }, (_, i) => item(i + 1, nowS - (i + 1) * 86_400 + 120)));
    await run(history.source, NOW, 30);
    expect(await stored()).toHaveLength(25);
    expect(await pruneEvents(db, nowS - 10 * 86_400, 4)).toBe(15);
    expect(await stored()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('writes Spintly’s history times in the portal’s zone', () => {
    expect(historyTime(Date.parse('2026-11-30T05:12:00Z') / 1000, 'Asia/Kolkata')).toBe('2026-11-30 10:42:00 +05:30');
  });

  it('pages newest first by (time, id) with a cursor, and finds what came after the newest shown', async () => {
    // Five events, two of them in the same second.
    const history = fakeHistory([1, 2, 3, 4, 5].map((id) => item(id, nowS - 3_600 + (id >= 4 ? 100 : id))));
    await run(history.source, NOW);
    const seen: number[] = [];
    let before = null;
    for (;;) {
      const page = await queryEvents(db, { sites: EVERY_SITE }, 2, before);
      seen.push(...page.events.map((e) => e.event_id));
      if (!page.more) break;
      const last = page.events[page.events.length - 1]!;
      before = { at: last.occurred_at, id: last.event_id };
    }
    expect(seen).toEqual([5, 4, 3, 2, 1]);
    const after = await eventsAfter(db, { sites: EVERY_SITE }, { at: nowS - 3_600 + 100, id: 4 }, 10);
    expect(after.map((e) => e.event_id)).toEqual([5]);
    const streamed = [];
    for await (const e of streamEvents(db, { sites: onlySites([2]) }, 1)) streamed.push(e.event_id);
    expect(streamed).toEqual([5, 2]); // door 502 is site 2: ids 2 and 5
    expect((await queryEvents(db, { sites: NO_SITE }, 10)).events).toEqual([]);
  });

  it('keeps the pending changes and holder counts of the last complete scan; a scan that fails half way changes nothing', async () => {
    async function* scan(doors: DoorPending[], failAfter?: number) {
      for (const [i, door] of doors.entries()) {
        if (i === failAfter) throw new Error('Spintly is not answering right now.');
        yield door;
      }
    }
    const first: DoorPending[] = [
      {
        doorId: 501,
        siteId: 1,
        holders: 40,
        pending: [{ personId: 1001, action: 'grant', since: '2026-11-30T09:00:00.000Z' }],
      },
      { doorId: 502, siteId: 2, holders: 7, pending: [] },
    ];
    expect(await recordPending(db, scan(first))).toEqual({ pending: 1 });
    const second: DoorPending[] = [
      { doorId: 501, siteId: 1, holders: 41, pending: [] },
      { doorId: 502, siteId: 2, holders: 6, pending: [{ personId: 1002, action: 'revoke', since: null }] },
    ];
    await expect(recordPending(db, scan(second, 1))).rejects.toThrow(/not answering/);
    const rows = () => db.selectFrom('pending_changes').select(['door_id', 'person_id']).execute();
    expect((await rows()).map((r) => [Number(r.door_id), Number(r.person_id)])).toEqual([[501, 1001]]);
    const holders = () => db.selectFrom('door_holders').select(['door_id', 'holders']).orderBy('door_id').execute();
    expect((await holders()).map((r) => [Number(r.door_id), Number(r.holders)])).toEqual([
      [501, 40],
      [502, 7],
    ]);
    await recordPending(db, scan(second));
    expect((await rows()).map((r) => [Number(r.door_id), Number(r.person_id)])).toEqual([[502, 1002]]);
    expect((await holders()).map((r) => [Number(r.door_id), Number(r.holders)])).toEqual([
      [501, 41],
      [502, 6],
    ]);
  });

  it('a door page’s live read replaces that door’s counts only, so the site page then says the same', async () => {
    async function* scan(doors: DoorPending[]) {
      yield* doors;
    }
    await recordPending(
      db,
      scan([
        { doorId: 501, siteId: 1, holders: 40, pending: [] },
        { doorId: 502, siteId: 2, holders: 7, pending: [] },
      ]),
    );
    const live = {
      usersWithPermissions: [{ id: 1 }, { id: 2 }],
      usersWithPendingPermissions: [{ id: 3, pendingAction: 'revoke' as const }],
    };
    await recordDoorSeen(db, doorPendingOf({ doorId: 501, siteId: 1 }, doorHolders(live)));
    const holders = await db.selectFrom('door_holders').select(['door_id', 'holders']).orderBy('door_id').execute();
    expect(holders.map((r) => [Number(r.door_id), Number(r.holders)])).toEqual([
      [501, 2],
      [502, 7],
    ]);
    const pending = await db.selectFrom('pending_changes').select(['door_id', 'person_id', 'action']).execute();
    expect(pending.map((r) => [Number(r.door_id), Number(r.person_id), r.action])).toEqual([[501, 3, 'revoke']]);
  });
});
