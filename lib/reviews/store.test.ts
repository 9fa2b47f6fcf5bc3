import type { Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Database } from '../db';
import { describeDatabases } from '../db/test-databases';
import {
  closeReview,
  createReview,
  decide,
  getReview,
  markApplied,
  reviewCounts,
  reviewItems,
  reviewsFor,
  revocationsToApply,
  type ReviewItemDraft,
} from './store';

let db: Kysely<Database>;
const ID = '11111111-1111-4111-8111-111111111111';
const reviewer = { id: 'op-reviewer', name: 'Sanjay Siteadmin' };
const item = (personId: number, name: string): ReviewItemDraft => ({
  personId,
  personName: name,
  personActive: true,
  doorId: 501,
  doorName: 'Main Entrance',
  siteId: 1,
  source: 'direct',
  since: null,
  lastEntryS: null,
});

async function start(unreviewed: 'keep' | 'revoke', people = 4) {
  await createReview(
    db,
    {
      id: ID,
      name: 'Q1',
      scopeKind: 'site',
      scopeId: 1,
      scopeLabel: 'Koramangala Hub',
      reviewerKind: 'site_admins',
      dueOn: '2026-12-31',
      unreviewed,
      createdBy: { id: 'op-starter', name: 'Asha Admin' },
    },
    [reviewer.id],
    Array.from({ length: people }, (_, i) => item(1001 + i, `Person ${String.fromCharCode(65 + i)}`)),
  );
  return (await reviewItems(db, ID, { filter: 'all', page: 1, perPage: 100 })).items;
}

describeDatabases('access review store', (database) => {
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(() => db.destroy());

  it('freezes the items, lists them to its reviewers and starter only, and counts the decisions', async () => {
    const items = await start('keep');
    expect(items.map((i) => i.personName)).toEqual(['Person A', 'Person B', 'Person C', 'Person D']);
    expect((await reviewsFor(db, { id: reviewer.id, role: 'site_admin' })).map((r) => r.id)).toEqual([ID]);
    expect(await reviewsFor(db, { id: 'op-starter', role: 'site_admin' })).toHaveLength(1);
    expect(await reviewsFor(db, { id: 'someone-else', role: 'site_admin' })).toHaveLength(0);
    expect(await reviewsFor(db, { id: 'someone-else', role: 'super_admin' })).toHaveLength(1);

    expect(await decide(db, ID, [items[0]!.id, items[1]!.id], 'keep', reviewer, 'still works here')).toBe(2);
    expect(await decide(db, ID, [items[2]!.id], 'revoke', reviewer, null)).toBe(1);
    expect(await reviewCounts(db, ID)).toEqual({ undecided: 1, keep: 2, revoke: 1, revokesToApply: 1 });
    expect((await reviewItems(db, ID, { filter: 'undecided', page: 1, perPage: 100 })).items).toHaveLength(1);
    expect((await reviewItems(db, ID, { filter: 'all', search: 'person c', page: 1, perPage: 100 })).total).toBe(1);
  });

  it('an applied revocation cannot be changed; nothing changes once closed; ids of another review are ignored', async () => {
    const items = await start('keep');
    await decide(db, ID, [items[0]!.id], 'revoke', reviewer, null);
    await markApplied(db, items[0]!.id, 'Door taken away');
    expect(await decide(db, ID, [items[0]!.id], 'keep', reviewer, null)).toBe(0);
    expect(await decide(db, '22222222-2222-4222-8222-222222222222', [items[1]!.id], 'keep', reviewer, null)).toBe(0);
    await closeReview(db, (await getReview(db, ID))!, reviewer);
    expect(await decide(db, ID, [items[1]!.id], 'revoke', reviewer, null)).toBe(0);
  });

  it('at the close, items nobody decided take the default: revoke queues them to be applied', async () => {
    const items = await start('revoke');
    await decide(db, ID, [items[0]!.id], 'keep', reviewer, null);
    expect(await closeReview(db, (await getReview(db, ID))!, { name: 'Sanjay Siteadmin' })).toBe(3);
    expect((await getReview(db, ID))?.status).toBe('closed');
    const queued = await revocationsToApply(db, ID);
    expect(queued.map((i) => i.personName)).toEqual(['Person B', 'Person C', 'Person D']);
    expect(queued.every((i) => i.decidedByName === 'The campaign’s default')).toBe(true);
    // The kept item is settled at the close; closing twice changes nothing.
    const kept = (await reviewItems(db, ID, { filter: 'keep', page: 1, perPage: 10 })).items[0]!;
    expect(kept.outcome).toBe('Kept');
    expect(await closeReview(db, (await getReview(db, ID))!, { name: 'x' })).toBe(0);
  });
});
