import type { Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { audit } from '../audit/log';
import type { Database } from '../db';
import { describeDatabases } from '../db/test-databases';
import { insertVisit } from '../visitors/store';
import { ERASED, eraseCopies, holdingsOf } from './erasure';

let db: Kysely<Database>;
const VISITOR = 901;
const OTHER = 902;

async function seed() {
  for (const [key, visitorId, name] of [
    ['k1', VISITOR, 'Asha Guest'],
    ['k2', OTHER, 'Bina Guest'],
  ] as const)
    await insertVisit(db, {
      requestKey: key,
      visitorId,
      visitorName: name,
      visitorPhone: '+919800000001',
      visitorEmail: 'asha@example.com',
      hostId: 7,
      hostName: 'Ravi Kumar',
      siteId: 1,
      startsAt: '2026-12-05T04:00:00.000Z',
      endsAt: '2026-12-05T08:00:00.000Z',
      doorIds: [501],
      createdBy: 'op-1',
    });
  await db
    .insertInto('access_events')
    .values(
      [VISITOR, VISITOR, OTHER].map((person_id, i) => ({
        event_id: i + 1,
        occurred_at: 1_796_000_000 + i,
        site_id: 1,
        door_id: 501,
        person_id,
        direction: null,
        access_type: 'mobile',
        result: 'granted' as const,
        source: 'webhook' as const,
        received_at: 1_796_000_000_000,
      })),
    )
    .execute();
  const actor = { id: 'op-1', email: 'desk@demo.local', role: 'front_desk', name: 'Dev Desk' };
  await audit.record(db, actor, 'visitors.register', {
    outcome: 'ok',
    targets: [
      { type: 'person', id: 7, name: 'Ravi Kumar', part: 'host' },
      { type: 'person', id: VISITOR, name: 'Asha Guest', part: 'created' },
    ],
    facts: { visit: 'v1', returning: false, card: null },
  });
  await audit.record(db, actor, 'visitors.end', {
    outcome: 'ok',
    targets: [{ type: 'person', id: OTHER, name: 'Bina Guest' }],
    facts: { visit: 'v2', visitor: 'Bina Guest', card: null },
  });
}

describeDatabases('erasure', (database) => {
  beforeEach(async () => {
    db = await database.open();
    await seed();
  });
  afterEach(() => db.destroy());

  it('says what the portal holds about someone, then erases the name and keeps the counts', async () => {
    expect(await holdingsOf(db, VISITOR)).toMatchObject({ name: 'Asha Guest', visits: 1, events: 2, auditRecords: 1 });
    const erased = await eraseCopies(db, VISITOR, 'Asha Guest');
    expect(erased).toMatchObject({ visits: 1, events: 2, auditRecords: 1 });

    const visits = await db.selectFrom('visits').selectAll().orderBy('request_key').execute();
    expect(visits.map((v) => [v.visitor_name, v.visitor_phone, v.visitor_email])).toEqual([
      [ERASED, '', null],
      ['Bina Guest', '+919800000001', 'asha@example.com'],
    ]);
    const events = await db.selectFrom('access_events').select(['event_id', 'person_id']).orderBy('event_id').execute();
    expect(events.map((e) => [Number(e.event_id), e.person_id === null ? null : Number(e.person_id)])).toEqual([
      [1, null],
      [2, null],
      [3, OTHER],
    ]);
    const records = await db.selectFrom('audit_log').select(['action', 'targets', 'target_names', 'facts']).execute();
    const text = JSON.stringify(records);
    expect(text).not.toContain('Asha Guest');
    expect(text).toContain('an erased person');
    // The host and the other visitor keep their names; the records keep their actions.
    expect(text).toContain('Ravi Kumar');
    expect(text).toContain('Bina Guest');
    expect(records.map((r) => r.action).sort()).toEqual(['visitors.end', 'visitors.register']);
    expect(await holdingsOf(db, VISITOR)).toMatchObject({ name: null, visits: 1, events: 0 });
  });

  it('takes a visitor’s name out of a visit record’s facts too', async () => {
    await eraseCopies(db, OTHER, 'Bina Guest');
    const end = await db
      .selectFrom('audit_log')
      .select('facts')
      .where('action', '=', 'visitors.end')
      .executeTakeFirst();
    expect(JSON.parse(end!.facts!)).toMatchObject({ visitor: 'an erased person', visit: 'v2' });
  });
});
