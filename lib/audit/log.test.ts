import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { openDatabase, type Database } from '../db';
import { describeDatabases } from '../db/test-databases';
import { allAudit, queryAudit, writeAudit, type AuditRecord } from './log';
import { describeOutcome } from './sentence';
import { NO_SITE, onlySites } from '../core/scope';

let db: Kysely<Database>;

const base: AuditRecord = {
  operatorId: 'o1',
  operatorEmail: 'ann_lee@example.com',
  operatorRole: 'site_admin',
  action: 'people.create',
  targetType: 'person',
  targetIds: [1001],
  siteId: 1,
  outcome: 'ok',
  spintlyStatus: 200,
  durationMs: 12.4,
  detail: null,
};

describeDatabases('audit log', (database) => {
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(() => db.destroy());

  it('filters by operator, action, target, dates and sites, newest first, paged', async () => {
    await writeAudit(db, base, new Date('2026-01-01T10:00:00Z'));
    await writeAudit(
      db,
      { ...base, action: 'people.delete', targetIds: [1002, 1003], siteId: 2 },
      new Date('2026-01-02T10:00:00Z'),
    );
    await writeAudit(
      db,
      { ...base, operatorEmail: 'bob@example.com', action: 'operators.create', siteId: null },
      new Date('2026-01-03T10:00:00Z'),
    );

    const all = await queryAudit(db, {}, { page: 1, perPage: 2 });
    expect(all.total).toBe(3);
    expect(all.entries.map((e) => e.action)).toEqual(['operators.create', 'people.delete']);
    expect(all.entries[1]!.targetIds).toEqual(['1002', '1003']);
    expect(all.entries[1]!.durationMs).toBe(12);

    const total = async (filters: object) => (await queryAudit(db, filters, { page: 1, perPage: 50 })).total;
    expect(await total({ operator: 'ANN_' })).toBe(2);
    expect(await total({ operator: 'ann%' })).toBe(0); // % is literal, not a wildcard
    expect(await total({ action: 'people.' })).toBe(2);
    expect(await total({ target: '1003' })).toBe(1);
    expect(await total({ target: '100' })).toBe(0); // a target is an id, not a substring of one
    expect(await total({ target: '1001' })).toBe(2);
    expect(await total({ from: '2026-01-02', to: '2026-01-02' })).toBe(1);
    expect(await total({ sites: onlySites([1]) })).toBe(1);
    expect(await total({ sites: NO_SITE })).toBe(0);
  });

  it.runIf(database.kind === 'sqlite')(
    'finds records by target through an index, and backfills records written before targets had rows',
    async () => {
      await writeAudit(db, { ...base, targetIds: [1013, 1013, 509] });
      const rows = await db.selectFrom('audit_targets').select('target_id').orderBy('target_id').execute();
      expect(rows.map((r) => r.target_id)).toEqual(['1013', '509']);
      const plan = await sql<{
        detail: string;
      }>`explain query plan select audit_id from audit_targets where target_id = '1013'`.execute(db);
      expect(plan.rows.map((r) => r.detail).join(' ')).toMatch(/USING (COVERING )?INDEX audit_targets_target/);

      // A record from before the migration: only its comma-joined column, then migration 0003 runs.
      const legacy = await openDatabase('file::memory:');
      await legacy.deleteFrom('audit_targets').execute();
      await sql`delete from kysely_migration where name = '0003_audit_targets'`.execute(legacy);
      await sql`drop table audit_targets`.execute(legacy);
      await legacy
        .insertInto('audit_log')
        .values({
          id: 'old-1',
          at: '2025-12-31T00:00:00.000Z',
          action: 'people.delete',
          target_ids: '7,8',
          outcome: 'ok',
          duration_ms: 1,
          operator_id: null,
          operator_email: null,
          operator_role: null,
          target_type: 'person',
          site_id: null,
          spintly_status: null,
          detail: null,
        })
        .execute();
      const { up } = await import('../db/migrations/0003_audit_targets');
      await up(legacy as never);
      expect((await queryAudit(legacy, { target: '8' }, { page: 1, perPage: 5 })).total).toBe(1);
      await legacy.destroy();
    },
  );

  it('“about” finds a name, within one name — never the record’s types, keys or parts', async () => {
    await writeAudit(db, {
      ...base,
      action: 'permissions.change_door',
      targets: [
        { type: 'door', id: 509, name: 'Main Entrance' },
        { type: 'person', id: 1013, name: 'Ravi Kumar', part: 'added' },
      ],
    });
    await writeAudit(db, { ...base, targets: [{ type: 'person', id: 1001, name: 'Asha Rao' }] });
    await writeAudit(db, base); // ids only: nothing to find by name
    const total = async (about: string) => (await queryAudit(db, { about }, { page: 1, perPage: 50 })).total;
    expect(await total('ravi')).toBe(1);
    expect(await total('MAIN  entrance')).toBe(1);
    expect(await total('a')).toBe(2);
    for (const structure of ['door', 'person', 'name', 'id', 'added', '1013', 'entrance ravi'])
      expect(await total(structure)).toBe(0);
  });

  it('filters by outcome as the log shows it: done, refused (with a reason, or invalid/denied) and failed', async () => {
    await writeAudit(db, base);
    await writeAudit(db, { ...base, outcome: 'failed' }); // Spintly or the portal broke
    await writeAudit(db, { ...base, outcome: 'failed', reason: 'conflict' });
    await writeAudit(db, { ...base, outcome: 'invalid' });
    await writeAudit(db, { ...base, outcome: 'denied' });
    for (const [category, count] of [
      ['ok', 1],
      ['refused', 3],
      ['failed', 1],
    ] as const) {
      const found = await queryAudit(db, { category }, { page: 1, perPage: 50 });
      expect(found.total, category).toBe(count);
      for (const entry of found.entries)
        expect(describeOutcome(entry.outcome, entry.reason ?? null).category).toBe(category);
    }
  });

  it.runIf(database.kind === 'sqlite')('records written before names had their own column get them once', async () => {
    const legacy = await openDatabase('file::memory:');
    await sql`delete from kysely_migration where name = '0013_audit_names'`.execute(legacy);
    await sql`alter table audit_log drop column target_names`.execute(legacy);
    await sql`insert into audit_log (id, at, action, outcome, duration_ms, targets)
      values ('old-1', '2026-01-01T00:00:00.000Z', 'people.update', 'ok', 1, ${JSON.stringify([{ type: 'person', id: 7, name: 'Nadia Member' }])})`.execute(
      legacy,
    );
    const { up } = await import('../db/migrations/0013_audit_names');
    await up(legacy as never);
    expect((await queryAudit(legacy, { about: 'nadia' }, { page: 1, perPage: 5 })).total).toBe(1);
    expect((await queryAudit(legacy, { about: 'person' }, { page: 1, perPage: 5 })).total).toBe(0);
    await legacy.destroy();
  });

  it('walks every entry for exports', async () => {
    for (let i = 0; i < 25; i++) await writeAudit(db, { ...base, targetIds: [i] });
    const seen = [];
    for await (const entry of allAudit(db, {}, 10)) seen.push(entry);
    expect(seen).toHaveLength(25);
  });
});
