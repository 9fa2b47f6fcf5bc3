import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Leadership } from './leadership';
import { observeTaskRun } from '../observability/metrics';

/**
 * The one home for background work. A task is a name, an interval and a function; however many processes run the
 * worker (web instances with PORTAL_WORKER=inline, `npm run worker`), each task runs on one of them — its leader —
 * once per interval. Whether a run is due is read from the record of runs, so a new leader that took over picks up
 * where the old one stopped, never running a task twice within its interval. Every run is recorded with its outcome,
 * its counts and its error.
 */
export interface TaskContext {
  db: Kysely<Database>;
  now: () => number;
}

export interface Task {
  name: string;
  intervalMs: number;
  /** Also due, before its interval is up, whenever this says so (say, a copy found empty). */
  wanted?: (ctx: TaskContext) => Promise<boolean>;
  /** Returns what it counted (rows pruned…), recorded with the run. */
  run: (ctx: TaskContext) => Promise<Record<string, number> | void>;
}

export interface WorkerOptions {
  db: Kysely<Database>;
  leadership: Leadership;
  tasks: readonly Task[];
  /** This process, as runs record it. */
  holder: string;
  /** How often each task's leadership and due time are checked. */
  tickMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

export interface RunningWorker {
  /** Checks every task once now (the loop does this every tick). */
  tick(): Promise<void>;
  /** Finishes the runs in flight, gives up every lead and stops. */
  stop(): Promise<void>;
}

/**
 * Asks for a run of a task now, from any instance: its leader starts one at its next tick (about a second), unless a
 * run started after this request already. Request times come from the asking instance's clock; keep clocks in sync.
 */
export async function requestRun(db: Kysely<Database>, task: string, by: string, at = new Date()): Promise<void> {
  await db.insertInto('worker_requests').values({ task, requested_by: by, requested_at: at.toISOString() }).execute();
}

/**
 * Runs a task's work once and records the run (start, end, outcome, counts, error) in worker_runs, as the worker does
 * for every run. Also for runs started outside the worker (`npm run spintly -- sync`), so the task's leader counts
 * them and does not run again within its interval.
 */
export async function recordRun(
  db: Kysely<Database>,
  task: string,
  holder: string,
  work: () => Promise<Record<string, number> | void>,
  now: () => number = Date.now,
): Promise<'ok' | 'failed'> {
  const { id } = await db
    .insertInto('worker_runs')
    .values({ task, holder, started_at: new Date(now()).toISOString(), outcome: 'running' })
    .returning('id')
    .executeTakeFirstOrThrow();
  try {
    const counts = (await work()) ?? {};
    await db
      .updateTable('worker_runs')
      .set({ outcome: 'ok', finished_at: new Date(now()).toISOString(), counts: JSON.stringify(counts) })
      .where('id', '=', id)
      .execute();
    return 'ok';
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : 'failed';
    await db
      .updateTable('worker_runs')
      .set({ outcome: 'failed', finished_at: new Date(now()).toISOString(), error: message })
      .where('id', '=', id)
      .execute();
    return 'failed';
  }
}

export function startWorker(options: WorkerOptions): RunningWorker {
  const { db, leadership, tasks, holder } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.log(line));
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  /** Due when its interval is up, when someone asked for a run after the last one started, or when it wants to. */
  async function due(task: Task): Promise<boolean> {
    const last = await db
      .selectFrom('worker_runs')
      .select('started_at')
      .where('task', '=', task.name)
      .orderBy('started_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last || Date.parse(last.started_at) + task.intervalMs <= now()) return true;
    const asked = await db
      .selectFrom('worker_requests')
      .select('id')
      .where('task', '=', task.name)
      .where('requested_at', '>', last.started_at)
      .limit(1)
      .executeTakeFirst();
    return asked !== undefined || ((await task.wanted?.({ db, now })) ?? false);
  }

  async function runTask(task: Task) {
    const outcome = await recordRun(db, task.name, holder, () => task.run({ db, now }), now);
    observeTaskRun(task.name, outcome === 'failed');
    if (outcome === 'failed') log(`[worker] ${task.name} failed`);
  }

  const running = new Set<string>();
  /** Tasks whose run is under way here: their lead is renewed every tick, so a run longer than a lease keeps it. */
  const leading = new Set<string>();
  async function tick() {
    for (const task of tasks) {
      if (stopped) continue;
      if (leading.has(task.name)) {
        // Without this a SQLite lease would lapse during a long run (an import of 10,000 rows), and a second process
        // would start the same work beside this one.
        await leadership.lead(task.name).catch(() => false);
        continue;
      }
      if (running.has(task.name)) continue;
      // Taken before the first await, so two ticks of this process never both find the task due.
      running.add(task.name);
      let go = false;
      try {
        go = (await leadership.lead(task.name)) && (await due(task));
      } catch {
        // the database is unreachable for now; the next tick tries again
      }
      if (!go || stopped) {
        running.delete(task.name);
        continue;
      }
      leading.add(task.name);
      const run = runTask(task)
        .catch(() => {})
        .finally(() => {
          leading.delete(task.name);
          running.delete(task.name);
          inFlight.delete(run);
        });
      inFlight.add(run);
    }
  }

  const timer = setInterval(() => void tick(), options.tickMs ?? 1_000);
  timer.unref();
  void tick();

  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...inFlight]);
      await leadership.close();
    },
  };
}
