import 'server-only';
import { dialectOf, openDatabase, pendingMigrations } from '../db';
import { portalEnv } from '../env';
import { spintly } from '../spintly';

/**
 * What /api/health and /api/readyz check. The database through a connection of its own (the portal's db() refuses a
 * stale schema, and these must be able to say so), opened once and reopened after a failure.
 */
let opened: ReturnType<typeof openDatabase> | undefined;
function healthDatabase(url: string) {
  opened ??= openDatabase(url, { migrate: false }).catch((error: unknown) => {
    opened = undefined;
    throw error;
  });
  return opened;
}

export async function databaseState(): Promise<{ reachable: boolean; schemaCurrent: boolean }> {
  const url = portalEnv().databaseUrl;
  try {
    const db = await healthDatabase(url);
    return { reachable: true, schemaCurrent: (await pendingMigrations(db, dialectOf(url))).length === 0 };
  } catch {
    return { reachable: false, schemaCurrent: false };
  }
}

const TOKEN_CHECK_TIMEOUT_MS = 3_000;
/** A failed check is remembered this long, so a probe every second does not become a token request every second. */
const FAILURE_MEMORY_MS = 10_000;
let lastFailureAt = 0;

/**
 * Whether a Spintly token can be had: the cached one when it is still good (no request at all), else a fresh one
 * within 3 s. A failure is remembered for 10 s.
 */
export async function spintlyTokenObtainable(now = Date.now()): Promise<boolean> {
  if (now - lastFailureAt < FAILURE_MEMORY_MS) return false;
  try {
    await Promise.race([
      spintly().connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), TOKEN_CHECK_TIMEOUT_MS).unref()),
    ]);
    return true;
  } catch {
    lastFailureAt = now;
    return false;
  }
}
