import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Failed sign-ins in a 15-minute window: 5 per account (guessing one password), and 30 per known client address
 * across every account (spraying one password over many) — high enough that one office behind one address is not
 * locked out by one person's typos, low enough that spraying gets nowhere.
 */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILED_SIGN_INS = 5;
export const MAX_FAILED_SIGN_INS_PER_ADDRESS = 30;

const limitFor = (key: string) => (key.startsWith('ip:') ? MAX_FAILED_SIGN_INS_PER_ADDRESS : MAX_FAILED_SIGN_INS);

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
  return rows.some((row) => Number(row.n) >= limitFor(row.key));
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

/**
 * The client's address, or null when unknown (then only the account limit applies). Each proxy appends the address
 * it saw to X-Forwarded-For, so with `trustedHops` proxies of your own in front, the entry that many places from the
 * right is the one your outermost proxy saw; everything left of it was written by the client and proves nothing.
 * With no trusted proxy the address is unknown: Next writes the header itself, and App Router code cannot see the
 * socket, so a guess would either be spoofable or lock everyone behind one address.
 */
export function clientAddress(headers: Headers, trustedHops: number): string | null {
  if (trustedHops < 1) return null;
  const entries = (headers.get('x-forwarded-for') ?? '').split(',').map((entry) => entry.trim());
  if (entries.length < trustedHops) return null;
  return entries[entries.length - trustedHops] || null;
}
