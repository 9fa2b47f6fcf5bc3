import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { openDatabase, type Database } from '../db';
import { clearAccountFailures, clientAddress, isSignInLimited, limitKeys, recordFailedSignIn } from './sign-in-limit';

let db: Kysely<Database>;
beforeEach(async () => {
  db = await openDatabase('file::memory:');
});
afterEach(() => db.destroy());

describe('sign-in limit', () => {
  it('limits after 5 failures per account or address within 15 minutes', async () => {
    const t0 = new Date('2026-01-01T10:00:00Z');
    const keys = limitKeys('A@x.com', '203.0.113.1');
    expect(keys).toEqual(['account:a@x.com', 'ip:203.0.113.1']);
    for (let i = 0; i < 4; i++) await recordFailedSignIn(db, keys, t0);
    expect(await isSignInLimited(db, keys, t0)).toBe(false);
    await recordFailedSignIn(db, keys, t0);
    expect(await isSignInLimited(db, keys, t0)).toBe(true);
    // Another account from the same address is limited too; the same account elsewhere as well.
    expect(await isSignInLimited(db, limitKeys('b@x.com', '203.0.113.1'), t0)).toBe(true);
    expect(await isSignInLimited(db, limitKeys('a@x.com', '198.51.100.9'), t0)).toBe(true);
    expect(await isSignInLimited(db, limitKeys('b@x.com', '198.51.100.9'), t0)).toBe(false);
    // 15 minutes later the window has passed.
    expect(await isSignInLimited(db, keys, new Date(t0.getTime() + 15 * 60_000 + 1))).toBe(false);
  });

  it('a success clears the account’s failures, not the address’s', async () => {
    const keys = limitKeys('a@x.com', '203.0.113.1');
    for (let i = 0; i < 5; i++) await recordFailedSignIn(db, keys);
    await clearAccountFailures(db, 'A@x.com');
    expect(await isSignInLimited(db, limitKeys('a@x.com', null))).toBe(false);
    expect(await isSignInLimited(db, limitKeys('c@x.com', '203.0.113.1'))).toBe(true);
  });

  it('reads the client address from the proxy headers', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '203.0.113.5, 10.0.0.1' }))).toBe('203.0.113.5');
    expect(clientAddress(new Headers({ 'x-real-ip': '198.51.100.2' }))).toBe('198.51.100.2');
    expect(clientAddress(new Headers())).toBeNull();
  });
});
