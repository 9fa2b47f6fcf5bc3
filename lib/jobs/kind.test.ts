import type { Kysely } from 'kysely';
import { z } from 'zod';
import { beforeEach, expect, it } from 'vitest';
import { queryAudit } from '../audit/log';
import { auditSentence } from '../audit/sentence';
import type { Database } from '../db/schema';
import { describeDatabases } from '../db/test-databases';
import { describeItemError } from '.';
import { defineJobKind } from './kind';
import type { JobOperator } from './operator';
import { runQueuedJobs } from './runner';
import { createJob, jobItems } from './store';

let db: Kysely<Database>;
const starter: JobOperator = {
  id: 'op-1',
  email: 'sanjay@demo.local',
  name: 'Sanjay',
  role: 'site_admin',
  siteIds: [1],
};

/** A kind that "activates" a person: it sees its input typed, and records each item as `people.bulk`. */
const seen: { personId: number; name: string }[] = [];
const activate = defineJobKind({
  name: 'test.activate',
  input: z.object({ personId: z.number().int().positive(), name: z.string() }),
  audit: 'people.bulk',
  async process(input) {
    seen.push(input);
    return { status: 'done', outcome: 'activated', personId: input.personId, personName: input.name, siteId: 1 };
  },
});

describeDatabases('defineJobKind', (database) => {
  beforeEach(async () => {
    db = await database.open();
    seen.length = 0;
  });

  it('parses each stored input with its schema, refuses one it cannot read, and audits every item with facts', async () => {
    const jobId = await createJob(db, {
      kind: activate.name,
      title: 'Activate',
      createdBy: starter.id,
      items: [{ input: { personId: 7, name: 'Ravi Kumar' } }, { input: { personId: 'seven' } }],
    });
    await runQueuedJobs({
      db,
      kinds: { [activate.name]: activate },
      loadOperator: async () => starter,
      concurrency: 1,
      describeError: describeItemError,
    });

    expect(seen).toEqual([{ personId: 7, name: 'Ravi Kumar' }]);
    const items = [];
    for await (const item of jobItems(db, jobId)) items.push(item);
    expect(items.map((i) => i.status)).toEqual(['done', 'failed']);
    expect(items[1]!.message).toMatch(/could not be read/);

    const { entries } = await queryAudit(db, {}, { page: 1, perPage: 10 });
    const [bad, good] = entries.sort((a, b) => Number(a.facts?.item) - Number(b.facts?.item)).reverse();
    expect(good).toMatchObject({ action: 'people.bulk', outcome: 'ok', operatorEmail: starter.email, siteId: 1 });
    expect(good!.facts).toEqual({ job: jobId, item: 1, result: 'activated' });
    expect(auditSentence(good!)).toBe('Sanjay activated Ravi Kumar');
    expect(bad).toMatchObject({
      outcome: 'failed',
      reason: 'validation',
      facts: { job: jobId, item: 2, result: 'failed' },
    });
  });
});
