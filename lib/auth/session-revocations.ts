import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Signed-out sessions, in the portal's database so every instance agrees. A revoked `sid` is refused until the token
 * carrying it would have expired; after that the token is refused anyway and the row can be pruned.
 */
export async function revokeSession(
  db: Kysely<Database>,
  session: { sid: string; operatorId: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('session_revocations')
    .values({ sid: session.sid, operator_id: session.operatorId, expires_at: session.expiresAt.toISOString() })
    .onConflict((oc) => oc.column('sid').doNothing())
    .execute();
}

export async function isSessionRevoked(db: Kysely<Database>, sid: string): Promise<boolean> {
  const row = await db.selectFrom('session_revocations').select('sid').where('sid', '=', sid).executeTakeFirst();
  return row !== undefined;
}

/** Drops rows whose tokens have expired by now; returns how many. */
export async function pruneSessionRevocations(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('session_revocations')
    .where('expires_at', '<', now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
