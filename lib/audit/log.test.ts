import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { openDatabase, type Database } from '../db';
import { allAudit, queryAudit, writeAudit, type AuditRecord } from './log';

let db: Kysely<Database>;
beforeEach(async () => {
  db = await openDatabase('file::memory:');
});
afterEach(() => db.destroy());

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

describe('audit log', () => {
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
    expect(await total({ from: '2026-01-02', to: '2026-01-02' })).toBe(1);
    expect(await total({ siteIds: [1] })).toBe(1);
    expect(await total({ siteIds: [] })).toBe(0);
  });

  it('walks every entry for exports', async () => {
    for (let i = 0; i < 25; i++) await writeAudit(db, { ...base, targetIds: [i] });
    const seen = [];
    for await (const entry of allAudit(db, {}, 10)) seen.push(entry);
    expect(seen).toHaveLength(25);
  });
});
