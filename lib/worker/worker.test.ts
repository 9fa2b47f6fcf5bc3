import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Database } from '../db';
import { describeDatabases, type TestDatabase } from '../db/test-databases';
import { LEASE_MS, postgresLeadership, sqliteLeadership, type Leadership } from './leadership';
import { requestRun, startWorker, type RunningWorker, type Task } from './runner';
import { housekeepingTasks } from './tasks';

let db: Kysely<Database>;
let clock = Date.parse('2026-11-30T10:00:00Z');
const now = () => clock;
const running: RunningWorker[] = [];

async function leadershipFor(database: TestDatabase, holder: string): Promise<Leadership> {
  return database.kind === 'postgres'
    ? postgresLeadership(database.url, database.schemaOf(db))
    : sqliteLeadership(db, holder, now);
}

async function worker(database: TestDatabase, holder: string, tasks: Task[]) {
  const started = startWorker({
    db,
    leadership: await leadershipFor(database, holder),
    tasks,
    holder,
    tickMs: 60_000, // the tests tick by hand
    now,
    log: () => {},
  });
  running.push(started);
  return started;
}

const runsOf = (task: string) =>
  db.selectFrom('worker_runs').selectAll().where('task', '=', task).orderBy('id').execute();
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describeDatabases('worker', (database) => {
  beforeEach(async () => {
    db = await database.open();
    clock = Date.parse('2026-11-30T10:00:00Z');
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((w) => w.stop()));
    await db.destroy();
  });

  it('runs a task once per interval however many processes run the worker, and records each run', async () => {
    const name = `count-${randomUUID()}`;
    const task: Task = { name, intervalMs: 60_000, run: async () => ({ things: 3 }) };
    const a = await worker(database, 'host-a', [task]);
    const b = await worker(database, 'host-b', [task]);
    for (let i = 0; i < 3; i++) {
      await Promise.all([a.tick(), b.tick()]);
      await settle();
    }
    // Time passes as it does under the loop: both processes tick (and the leader renews its lead) every 10 s.
    const advance = async (ms: number) => {
      for (let left = ms; left > 0; left -= 10_000) {
        clock += Math.min(10_000, left);
        await Promise.all([b.tick(), a.tick()]);
        await settle();
      }
    };
    await advance(50_000);
    expect(await runsOf(name)).toHaveLength(1); // not due yet
    await advance(11_000);
    // The second run finishes in the background: on a busy machine `settle` can be too short for its last write.
    await expect
      .poll(async () => (await runsOf(name)).map((r) => [r.outcome, JSON.parse(r.counts ?? '{}')]), { timeout: 5_000 })
      .toEqual([
        ['ok', { things: 3 }],
        ['ok', { things: 3 }],
      ]);
    const runs = await runsOf(name);
    expect(new Set(runs.map((r) => r.holder)).size).toBe(1); // one leader did both
  });

  it('records a failed run with its error, and runs again at the next interval', async () => {
    const name = `fails-${randomUUID()}`;
    let calls = 0;
    const w = await worker(database, 'host-a', [
      {
        name,
        intervalMs: 1_000,
        run: async () => {
          calls++;
          throw new Error('Spintly said no');
        },
      },
    ]);
    await w.tick();
    await settle();
    clock += 1_000;
    await w.tick();
    await settle();
    const runs = await runsOf(name);
    expect(calls).toBe(2);
    expect(runs.map((r) => [r.outcome, r.error])).toEqual([
      ['failed', 'Error: Spintly said no'],
      ['failed', 'Error: Spintly said no'],
    ]);
  });

  it('runs a task before its interval when another instance asks, once per request, on the leader', async () => {
    const name = `asked-${randomUUID()}`;
    const task: Task = { name, intervalMs: 3_600_000, run: async () => ({}) };
    const a = await worker(database, 'host-a', [task]);
    const b = await worker(database, 'host-b', [task]);
    await Promise.all([a.tick(), b.tick()]);
    await settle();
    expect(await runsOf(name)).toHaveLength(1);
    clock += 5_000;
    // "Sync now" on some instance: a request row, not a run of its own.
    await requestRun(db, name, 'operator:test', new Date(clock));
    clock += 1_000;
    for (let i = 0; i < 3; i++) {
      await Promise.all([b.tick(), a.tick()]);
      await settle();
      clock += 1_000;
    }
    const runs = await runsOf(name);
    expect(runs).toHaveLength(2); // one run for the request, not one per tick or per instance
    expect(new Set(runs.map((r) => r.holder)).size).toBe(1);
  });

  it('runs a task whenever it says it is wanted', async () => {
    const name = `wanted-${randomUUID()}`;
    let wanted = false;
    const task: Task = { name, intervalMs: 3_600_000, wanted: async () => wanted, run: async () => ({}) };
    const w = await worker(database, 'host-a', [task]);
    await w.tick();
    await settle();
    clock += 1_000;
    await w.tick();
    await settle();
    expect(await runsOf(name)).toHaveLength(1);
    wanted = true;
    clock += 1_000;
    await w.tick();
    await settle();
    expect(await runsOf(name)).toHaveLength(2);
  });

  it('when the leader stops, another process takes over the task', async () => {
    const name = `takeover-${randomUUID()}`;
    const task: Task = { name, intervalMs: 10_000, run: async () => ({}) };
    const a = await worker(database, 'host-a', [task]);
    await a.tick();
    await settle();
    const b = await worker(database, 'host-b', [task]);
    clock += 10_000;
    await b.tick();
    await settle();
    expect((await runsOf(name)).map((r) => r.holder)).toEqual(['host-a']); // a still leads

    if (database.kind === 'postgres') {
      // A dead process's connection closes and its advisory locks go with it.
      await running.splice(running.indexOf(a), 1)[0]!.stop();
    } else {
      // A leader that stops renewing loses its lease after LEASE_MS.
      clock += LEASE_MS + 1;
    }
    await b.tick();
    await settle();
    expect((await runsOf(name)).map((r) => r.holder)).toEqual(['host-a', 'host-b']);
  });

  // Postgres needs no such rule: the advisory lock goes with the dead process's connection.
  it.runIf(database.kind === 'sqlite')(
    'on SQLite, a leader whose process exited on this machine loses its lease at once, not after LEASE_MS',
    async () => {
      const exited = spawnSync(process.execPath, ['-e', '0']).pid;
      const gone = sqliteLeadership(db, `${hostname()}:${exited}:dead`, now);
      const alive = sqliteLeadership(db, `${hostname()}:${process.ppid}:alive`, now);
      expect(await gone.lead('t')).toBe(true);
      const next = sqliteLeadership(db, `${hostname()}:${process.pid}:next`, now);
      expect(await next.lead('t')).toBe(true); // no clock moved
      expect(await alive.lead('t')).toBe(false); // a live holder keeps it
      expect(await next.lead('u')).toBe(true);
      expect(await alive.lead('u')).toBe(false);
    },
  );

  it('a run longer than a lease keeps its lead: no second process starts the same work beside it', async () => {
    const name = `long-${randomUUID()}`;
    let release = () => {};
    let starts = 0;
    const task: Task = {
      name,
      intervalMs: 1_000,
      run: () => {
        starts++;
        return new Promise<void>((resolve) => (release = resolve));
      },
    };
    const a = await worker(database, 'host-a', [task]);
    const b = await worker(database, 'host-b', [task]);
    await a.tick();
    await settle();
    expect(starts).toBe(1);
    // The run goes on for three leases; both processes keep ticking.
    for (let i = 0; i < 9; i++) {
      clock += LEASE_MS / 3;
      await a.tick();
      await b.tick();
      await settle();
    }
    expect(starts).toBe(1);
    release();
    await settle();
    expect((await runsOf(name)).map((r) => r.holder)).toEqual(['host-a']);
  });

  it('housekeeping prunes expired revocations, old sign-in attempts and audit records past retention', async () => {
    const at = (msAgo: number) => new Date(clock - msAgo).toISOString();
    await db
      .insertInto('session_revocations')
      .values([
        { sid: 'old', operator_id: 'o', expires_at: at(1000) },
        { sid: 'live', operator_id: 'o', expires_at: at(-3_600_000) },
      ])
      .execute();
    await db
      .insertInto('sign_in_attempts')
      .values([
        { key: 'account:a', at: at(16 * 60_000) },
        { key: 'account:a', at: at(60_000) },
      ])
      .execute();
    const audit = (id: string, daysAgo: number) => ({
      id,
      at: at(daysAgo * 86_400_000),
      operator_id: null,
      operator_email: null,
      operator_role: null,
      action: 'people.create',
      target_type: null,
      target_ids: null,
      site_id: null,
      outcome: 'ok' as const,
      spintly_status: null,
      duration_ms: 1,
      detail: null,
    });
    await db
      .insertInto('audit_log')
      .values([audit('ancient', 731), audit('recent', 729)])
      .execute();

    const tasks = housekeepingTasks({ auditRetentionDays: 730 });
    for (const task of tasks) await task.run({ db, now });
    expect((await db.selectFrom('session_revocations').select('sid').execute()).map((r) => r.sid)).toEqual(['live']);
    expect(await db.selectFrom('sign_in_attempts').select('at').execute()).toHaveLength(1);
    expect((await db.selectFrom('audit_log').select('id').execute()).map((r) => r.id)).toEqual(['recent']);
  });
});
