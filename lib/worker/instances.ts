import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { processHolder } from './holder';

/**
 * The portal instances that are up, each seen within the last HEARTBEAT_MS × 3. Each instance takes its share of the
 * deployment's Spintly write lane (SPINTLY_MAX_CONCURRENCY ÷ instances up), so adding instances never multiplies the
 * load on Spintly.
 */
export const HEARTBEAT_MS = 10_000;

export async function liveInstances(db: Kysely<Database>, now = Date.now()): Promise<number> {
  const since = new Date(now - HEARTBEAT_MS * 3).toISOString();
  const row = await db
    .selectFrom('portal_instances')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('last_seen', '>', since)
    .executeTakeFirstOrThrow();
  return Math.max(1, Number(row.n));
}

export async function registerInstance(
  db: Kysely<Database>,
  onCount: (instances: number) => void = () => {},
): Promise<{ id: string; stop(): Promise<void> }> {
  const id = processHolder();
  const stamp = () => new Date().toISOString();
  await db.insertInto('portal_instances').values({ id, started_at: stamp(), last_seen: stamp() }).execute();
  const beat = async () => {
    await db.updateTable('portal_instances').set({ last_seen: stamp() }).where('id', '=', id).execute();
    onCount(await liveInstances(db));
  };
  await beat().catch(() => {});
  const timer = setInterval(() => void beat().catch(() => {}), HEARTBEAT_MS);
  timer.unref();
  return {
    id,
    async stop() {
      clearInterval(timer);
      await db
        .deleteFrom('portal_instances')
        .where('id', '=', id)
        .execute()
        .catch(() => {});
    },
  };
}
