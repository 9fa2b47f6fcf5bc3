import 'server-only';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Who leads a task, across every process on one database: exactly one at a time.
 * - Postgres: a session advisory lock per task, held on one dedicated connection of this process. When the process
 *   dies its connection closes and the lock is free at once; nothing home-made decides.
 * - SQLite (one machine; the portal and `npm run worker` may both be up): a lease row renewed on every tick, which a
 *   leader that stops renewing loses after LEASE_MS — or at once when its process, on this machine, is gone (a
 *   killed and restarted portal resumes its jobs without waiting out the lease).
 */
export const LEASE_MS = 30_000;

export interface Leadership {
  /** Whether this process leads `task` now (taking the lead if it is free). */
  lead(task: string): Promise<boolean>;
  /** Gives up every lead, so another process can take over at once (a clean shutdown). */
  close(): Promise<void>;
}

/** A stable 31-bit key for a task name, for pg_try_advisory_lock. */
export function lockKey(task: string): number {
  let hash = 0x5f3759df;
  for (const char of `portal-worker:${task}`)
    hash = (Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0) & 0x7fffffff;
  return hash;
}

export async function postgresLeadership(url: string, schema?: string): Promise<Leadership> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url, ...(schema && { options: `-c search_path=${schema}` }) });
  await client.connect();
  // A lost connection means lost locks: never lead again on this client.
  let broken = false;
  client.on('error', () => {
    broken = true;
  });
  const held = new Set<string>();
  return {
    async lead(task) {
      if (broken) return false;
      if (held.has(task)) return true;
      const answer = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [lockKey(task)]);
      if (answer.rows[0]?.ok) held.add(task);
      return held.has(task);
    },
    async close() {
      held.clear();
      await client.end().catch(() => {});
    },
  };
}

export function sqliteLeadership(db: Kysely<Database>, holder: string, now: () => number = Date.now): Leadership {
  const leads = new Set<string>();
  return {
    async lead(task) {
      const at = new Date(now()).toISOString();
      const until = new Date(now() + LEASE_MS).toISOString();
      await db
        .insertInto('worker_leases')
        .values({ task, holder, expires_at: until })
        .onConflict((oc) => oc.column('task').doNothing())
        .execute();
      // Renew our own lease, or take one whose holder stopped renewing.
      const taken = await db
        .updateTable('worker_leases')
        .set({ holder, expires_at: until })
        .where('task', '=', task)
        .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_at', '<', at)]))
        .executeTakeFirst();
      let ok = Number(taken.numUpdatedRows) > 0;
      if (!ok) {
        const lease = await db.selectFrom('worker_leases').select('holder').where('task', '=', task).executeTakeFirst();
        if (lease && exitedHereBefore(lease.holder)) {
          const freed = await db
            .updateTable('worker_leases')
            .set({ holder, expires_at: until })
            .where('task', '=', task)
            .where('holder', '=', lease.holder)
            .executeTakeFirst();
          ok = Number(freed.numUpdatedRows) > 0;
        }
      }
      if (ok) leads.add(task);
      else leads.delete(task);
      return ok;
    },
    async close() {
      if (leads.size > 0)
        await db
          .deleteFrom('worker_leases')
          .where('holder', '=', holder)
          .where('task', 'in', [...leads])
          .execute();
      leads.clear();
    },
  };
}

/**
 * Whether a lease holder (`host:pid:…`, see processHolder) was a process on this machine that has exited. Only a
 * definite "no such process" counts: a pid reused by another process, or one we may not signal, waits for the lease.
 */
export function exitedHereBefore(holder: string): boolean {
  const [host, pid] = holder.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '') || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
