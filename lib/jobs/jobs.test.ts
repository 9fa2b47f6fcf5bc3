import type { Kysely } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../db/schema';
import { describeDatabases } from '../db/test-databases';
import { runJob, runQueuedJobs, type JobKind, type RunJobOptions } from './runner';
import { createJob, getJob, jobItems, nextJob, requestCancel } from './store';

let db: Kysely<Database>;
type Op = { id: string };

/** A kind whose items count their runs; `failOn` throws, `stopAfter` simulates the process dying mid-item. */
function counting(opts: { failOn?: number; stopAfter?: number } = {}) {
  const runs = new Map<number, number>();
  const resumed: number[] = [];
  let started = 0;
  const kind: JobKind<Op> = {
    async process(input, ctx) {
      const n = (input as { n: number }).n;
      started++;
      if (opts.stopAfter !== undefined && started > opts.stopAfter) throw new StopProcess();
      if (ctx.resumed) resumed.push(n);
      runs.set(n, (runs.get(n) ?? 0) + 1);
      if (n === opts.failOn) throw new Error(`row ${n} is bad`);
      return n % 5 === 0
        ? { status: 'unchanged', outcome: 'unchanged' }
        : { status: 'done', outcome: 'created', personId: n };
    },
  };
  return { kind, runs, resumed };
}
class StopProcess extends Error {}

const options = (kind: JobKind<Op>, extra: Partial<RunJobOptions<Op>> = {}): RunJobOptions<Op> => ({
  db,
  kinds: { test: kind },
  loadOperator: async (id) => ({ id }),
  concurrency: 3,
  describeError: (error) => ({ message: error instanceof Error ? error.message : 'failed', reason: null }),
  ...extra,
});

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ input: { n: i + 1 } }));

describeDatabases('jobs', (database) => {
  beforeEach(async () => {
    db = await database.open();
  });

  it('runs every item once and counts the outcomes; settled items stay as created', async () => {
    const id = await createJob(db, {
      kind: 'test',
      title: 'Test',
      createdBy: 'op-1',
      items: [...items(10), { input: { n: 99 }, status: 'failed', message: 'bad email' }],
    });
    const { kind, runs } = counting({ failOn: 7 });
    expect(await runQueuedJobs(options(kind))).toEqual({ jobs: 1 });
    const job = (await getJob(db, id))!;
    expect(job).toMatchObject({ status: 'done', total: 11, succeeded: 7, unchanged: 2, failed: 2 });
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(runs.has(99)).toBe(false);
    const all = [];
    for await (const item of jobItems(db, id, 4)) all.push(item);
    expect(all.map((i) => Number(i.seq))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(all[6]).toMatchObject({ status: 'failed', message: 'row 7 is bad' });
    expect(all[10]).toMatchObject({ status: 'failed', message: 'bad email' });
  });

  it('after a process stops mid-job, resumes at the first unfinished item, never repeats a done one, rechecks those in flight', async () => {
    const id = await createJob(db, { kind: 'test', title: 'Test', createdBy: 'op-1', items: items(12) });
    const first = counting({ stopAfter: 4 });
    // The "process" dies on its 5th item start: items 1–4 settled… and the items of that batch still in flight stay `running`.
    const dies = (error: unknown) => {
      if (error instanceof StopProcess) throw error; // not an item failure: the process is gone
      return { message: 'failed', reason: null };
    };
    await expect(runJob((await nextJob(db))!, options(first.kind, { describeError: dies }))).rejects.toThrow(
      StopProcess,
    );
    await new Promise((resolve) => setTimeout(resolve, 50)); // the other lanes of the dead "process" stop too
    const mid = (await getJob(db, id))!;
    expect(mid.status).toBe('running');
    const second = counting();
    await runQueuedJobs(options(second.kind));
    const done = [...first.runs.keys(), ...second.runs.keys()];
    // Every item ran; none that had succeeded ran again.
    expect(new Set(done).size).toBe(12);
    for (const n of first.runs.keys()) expect(second.runs.has(n)).toBe(false);
    // The items that were claimed but not settled when it stopped are handed over as resumed.
    expect(second.resumed.length).toBeGreaterThan(0);
    expect((await getJob(db, id))!).toMatchObject({ status: 'done', succeeded: 10, unchanged: 2, failed: 0 });
  });

  it('cancel stops after the items in flight; the rest are cancelled, not run', async () => {
    const id = await createJob(db, { kind: 'test', title: 'Test', createdBy: 'op-1', items: items(20) });
    const { kind, runs } = counting();
    const slow: JobKind<Op> = {
      async process(input, ctx) {
        if ((input as { n: number }).n === 2) await requestCancel(db, id);
        return kind.process(input, ctx);
      },
    };
    expect(await runJob((await nextJob(db))!, options(slow))).toBe('cancelled');
    expect(runs.size).toBe(6); // the first batch (2 × concurrency) finished
    const job = (await getJob(db, id))!;
    expect(job.status).toBe('cancelled');
    const statuses = [];
    for await (const item of jobItems(db, id)) statuses.push(item.status);
    expect(statuses.filter((s) => s === 'cancelled')).toHaveLength(14);
    expect(await requestCancel(db, id)).toBe(false); // already over
  });

  it('a job whose starter can no longer act fails without running an item', async () => {
    const id = await createJob(db, { kind: 'test', title: 'Test', createdBy: 'gone', items: items(3) });
    const { kind, runs } = counting();
    await runQueuedJobs(options(kind, { loadOperator: async () => null }));
    expect(runs.size).toBe(0);
    expect((await getJob(db, id))!).toMatchObject({ status: 'failed', failed: 3 });
  });

  it('a small job started during a big one runs between the big one’s batches, not after it', async () => {
    const big = await createJob(db, { kind: 'test', title: 'Big', createdBy: 'op-1', items: items(150) });
    let small = '';
    const order: string[] = [];
    const { kind } = counting();
    const watching: JobKind<Op> = {
      async process(input, ctx) {
        order.push(ctx.job.id === big ? 'big' : 'small');
        // The small job arrives while the big one's first batch is running.
        if (ctx.job.id === big && (input as { n: number }).n === 1)
          small = await createJob(db, { kind: 'test', title: 'Small', createdBy: 'op-1', items: items(2) });
        return kind.process(input, ctx);
      },
    };
    expect(await runQueuedJobs(options(watching))).toEqual({ jobs: 1 });
    expect((await getJob(db, small))!).toMatchObject({ status: 'done', succeeded: 2 });
    expect((await getJob(db, big))!).toMatchObject({ status: 'done', succeeded: 120, unchanged: 30 });
    // Finished after the big job's first batch (2 × concurrency items), long before its 150th item.
    expect(order.indexOf('small')).toBe(6);
    expect(order.lastIndexOf('small')).toBe(7);
  });
});
