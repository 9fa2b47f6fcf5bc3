import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Step-up: the actions that can do the most harm (lib/actions/safe-action.ts, `stepUp`) ask an enrolled operator to
 * have re-entered a second-factor code in this session within the last 10 minutes. Kept per session id in the
 * database, so it holds on every instance and ends with the session.
 */
export const STEP_UP_WINDOW_MS = 10 * 60_000;

export async function recordStepUp(db: Kysely<Database>, sid: string, operatorId: string, now = new Date()) {
  const at = now.toISOString();
  await db
    .insertInto('session_step_ups')
    .values({ sid, operator_id: operatorId, at })
    .onConflict((oc) => oc.column('sid').doUpdateSet({ at }))
    .execute();
  // Rows older than the window prove nothing any more: a step-up is a cheap moment to drop them.
  await db
    .deleteFrom('session_step_ups')
    .where('at', '<', new Date(now.getTime() - STEP_UP_WINDOW_MS).toISOString())
    .execute();
}

/** Whether this session re-entered a code within the window (by this operator: a sid is theirs alone anyway). */
export async function stepUpIsFresh(db: Kysely<Database>, sid: string, operatorId: string, now = new Date()) {
  const row = await db
    .selectFrom('session_step_ups')
    .select('at')
    .where('sid', '=', sid)
    .where('operator_id', '=', operatorId)
    .executeTakeFirst();
  return row !== undefined && now.getTime() - new Date(row.at).getTime() < STEP_UP_WINDOW_MS;
}

/** An admin's reset or a sign-out everywhere: the operator's step-ups end with their sessions. */
export async function forgetStepUps(db: Kysely<Database>, operatorId: string) {
  await db.deleteFrom('session_step_ups').where('operator_id', '=', operatorId).execute();
}

/** More people than this in one bulk deactivation or offboarding asks for a step-up; any deletion always does. */
export const BULK_STEP_UP_OVER = 50;

export const bulkChangeNeedsStepUp = (change: 'activate' | 'deactivate' | 'offboard' | 'delete', people: number) =>
  change === 'delete' || (change !== 'activate' && people > BULK_STEP_UP_OVER);
