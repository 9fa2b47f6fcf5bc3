import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { openDatabase, type Database } from '../db';
import { describeDatabases } from '../db/test-databases';
import type { AuditAction } from './actions';
import { allAudit, audit, queryAudit, type AuditActor, type AuditWrite } from './log';
import { auditSentence, describeOutcome, type AuditTarget } from './sentence';
import { NO_SITE, onlySites } from '../core/scope';

let db: Kysely<Database>;

const ann: AuditActor = { id: 'o1', email: 'ann_lee@example.com', role: 'site_admin' };

/** A record as Ann writes it: `people.create` on person 1001 at site 1, unless told otherwise. */
interface Over extends Omit<AuditWrite<AuditAction>, 'outcome' | 'facts'> {
  actor?: Partial<AuditActor>;
  action?: AuditAction;
  outcome?: AuditWrite<AuditAction>['outcome'];
  /** Targets by id only (no names), as records written before names were kept. */
  ids?: number[];
  targets?: AuditTarget[];
}
const write = ({ actor, action = 'people.create', outcome = 'ok', ids = [1001], ...rest }: Over = {}, at?: Date) =>
  audit.record(db, { ...ann, ...actor }, action, {
    outcome,
    targets: ids.map((id) => ({ type: 'person' as const, id })),
    siteId: 1,
    spintlyStatus: 200,
    durationMs: 12.4,
    ...(at && { at }),
    ...rest,
  });

describeDatabases('audit log', (database) => {
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(() => db.destroy());

  it('filters by operator, action, target, dates and sites, newest first, paged', async () => {
    await write({}, new Date('2026-01-01T10:00:00Z'));
    await write({ action: 'people.delete', ids: [1002, 1003], siteId: 2 }, new Date('2026-01-02T10:00:00Z'));
    await write(
      { actor: { email: 'bob@example.com' }, action: 'operators.create', siteId: null },
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
      await write({ ids: [1013, 1013, 509] });
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
    await write({
      action: 'permissions.change_door',
      targets: [
        { type: 'door', id: 509, name: 'Main Entrance' },
        { type: 'person', id: 1013, name: 'Ravi Kumar', part: 'added' },
      ],
    });
    await write({ targets: [{ type: 'person', id: 1001, name: 'Asha Rao' }] });
    await write(); // ids only: nothing to find by name
    const total = async (about: string) => (await queryAudit(db, { about }, { page: 1, perPage: 50 })).total;
    expect(await total('ravi')).toBe(1);
    expect(await total('MAIN  entrance')).toBe(1);
    expect(await total('a')).toBe(2);
    for (const structure of ['door', 'person', 'name', 'id', 'added', '1013', 'entrance ravi'])
      expect(await total(structure)).toBe(0);
  });

  it('filters by outcome as the log shows it: done, refused (with a reason, or invalid/denied) and failed', async () => {
    await write();
    await write({ outcome: 'failed' }); // Spintly or the portal broke
    await write({ outcome: 'failed', reason: 'conflict' });
    await write({ outcome: 'invalid' });
    await write({ outcome: 'denied' });
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

  it.runIf(database.kind === 'sqlite')(
    'records written before facts get them from their detail once, and read as they did',
    async () => {
      const legacy = await openDatabase('file::memory:');
      await sql`delete from kysely_migration where name = '0014_audit_facts'`.execute(legacy);
      await sql`alter table audit_log drop column facts`.execute(legacy);
      const ravi = JSON.stringify([{ type: 'person', id: 7, name: 'Ravi Kumar' }]);
      const old: [string, string, string][] = [
        ['cards.replace', 'card 111 → 222', 'Ann replaced card 111 of Ravi Kumar with card 222'],
        ['cards.take_back', 'card none', 'Ann took back the card from Ravi Kumar'],
        ['people.set_active', 'deactivated', 'Ann deactivated Ravi Kumar'],
        ['people.import', 'job j1 item 4: created — Added.', 'Ann added Ravi Kumar by import'],
        ['jobs.start_bulk', 'delete job j2: 120 people', 'Ann started to delete 120 people matching a filter'],
        ['visitors.end', 'Asha Guest (visit v1), card 9 taken back', 'Ann ended the visit of Asha Guest'],
        ['sites.visitor_doors', '3 doors', 'Ann set the visitor doors of site 1 (3 doors)'],
        ['directory.sync', 'already running', 'Ann asked for a people sync (one was already running)'],
        ['operators.create', 'Farah Frontdesk', 'Ann added the operator Farah Frontdesk'],
        ['people.update', 'anything at all', 'Ann updated the details of Ravi Kumar'],
      ];
      for (const [i, [action, detail]] of old.entries()) {
        const targets = ['sites.visitor_doors', 'operators.create'].includes(action) ? null : ravi;
        await sql`insert into audit_log (id, at, action, outcome, duration_ms, operator_name, targets, target_ids, detail)
          values (${`old-${i}`}, '2026-01-01T00:00:00.000Z', ${action}, 'ok', 1, 'Ann', ${targets},
                  ${targets ? '7' : '1'}, ${detail})`.execute(legacy);
      }
      const { up } = await import('../db/migrations/0014_audit_facts');
      await up(legacy as never);
      const { entries } = await queryAudit(legacy, {}, { page: 1, perPage: 50 });
      const byId = new Map(entries.map((e) => [e.id, e]));
      for (const [i, [action, , sentence]] of old.entries())
        expect(auditSentence(byId.get(`old-${i}`)!), action).toBe(sentence);
      expect(byId.get('old-9')!.facts).toBeNull(); // nothing to derive: its detail was only a note
      await legacy.destroy();
    },
  );

  it('walks every entry for exports', async () => {
    for (let i = 0; i < 25; i++) await write({ ids: [i + 1] });
    const seen = [];
    for await (const entry of allAudit(db, {}, 10)) seen.push(entry);
    expect(seen).toHaveLength(25);
  });
});
