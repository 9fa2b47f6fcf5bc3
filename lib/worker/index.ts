import 'server-only';
import type { Kysely } from 'kysely';
import { dialectOf } from '../db';
import type { Database } from '../db/schema';
import { postgresLeadership, sqliteLeadership } from './leadership';
import { startWorker, type RunningWorker, type Task } from './runner';
import { processHolder } from './holder';

export type { Task, TaskContext, RunningWorker } from './runner';

export { processHolder } from './holder';

/**
 * Starts the worker against the portal's database, leading tasks the way its kind of database allows. The engine
 * knows no feature: which tasks run is decided at the top (lib/tasks.ts).
 */
export async function startPortalWorker(db: Kysely<Database>, url: string, tasks: Task[], holder = processHolder()) {
  const leadership = dialectOf(url) === 'postgres' ? await postgresLeadership(url) : sqliteLeadership(db, holder);
  return startWorker({ db, leadership, tasks, holder }) satisfies RunningWorker;
}
