import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Failed sign-ins are limited to 5 per account and per client address in 15 minutes. */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILED_SIGN_INS = 5;

export const limitKeys = (email: string, clientAddress: string | null) => [
  `account:${email.trim().toLowerCase()}`,
  ...(clientAddress ? [`ip:${clientAddress}`] : []),
];

export async function isSignInLimited(db: Kysely<Database>, keys: string[], now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS).toISOString();
  const rows = await db
    .selectFrom('sign_in_attempts')
    .select(['key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('key', 'in', keys)
    .where('at', '>', since)
    .groupBy('key')
    .execute();
  return rows.some((row) => Number(row.n) >= MAX_FAILED_SIGN_INS);
}

export async function recordFailedSignIn(db: Kysely<Database>, keys: string[], now = new Date()): Promise<void> {
  await db
    .insertInto('sign_in_attempts')
    .values(keys.map((key) => ({ key, at: now.toISOString() })))
    .execute();
  await db
    .deleteFrom('sign_in_attempts')
    .where('at', '<', new Date(now.getTime() - SIGN_IN_WINDOW_MS).toISOString())
    .execute();
}

/** A successful sign-in clears the account's failures (not the address's: one good account must not unlock guessing). */
export async function clearAccountFailures(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom('sign_in_attempts').where('key', '=', limitKeys(email, null)[0]!).execute();
}

/** The client's address as the proxy in front of the portal reports it; null when unknown (then only the account limit applies). */
export function clientAddress(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip') || null;
}
