import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../db';
import { describeDatabases } from '../db/test-databases';
import {
  MAX_FAILED_SIGN_INS_PER_ADDRESS,
  clearAccountFailures,
  clientAddress,
  isSignInLimited,
  limitKeys,
  recordFailedSignIn,
} from './sign-in-limit';

let db: Kysely<Database>;
describeDatabases('sign-in limit', (database) => {
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(() => db.destroy());

  it('limits an account after 5 failures within 15 minutes, wherever they come from', async () => {
    const t0 = new Date('2026-01-01T10:00:00Z');
    const keys = limitKeys('A@x.com', '203.0.113.1');
    expect(keys).toEqual(['account:a@x.com', 'ip:203.0.113.1']);
    for (let i = 0; i < 4; i++) await recordFailedSignIn(db, keys, t0);
    expect(await isSignInLimited(db, keys, t0)).toBe(false);
    await recordFailedSignIn(db, keys, t0);
    expect(await isSignInLimited(db, keys, t0)).toBe(true);
    // The same account from elsewhere is limited too; a colleague at the same address is not (one person's typos).
    expect(await isSignInLimited(db, limitKeys('a@x.com', '198.51.100.9'), t0)).toBe(true);
    expect(await isSignInLimited(db, limitKeys('b@x.com', '203.0.113.1'), t0)).toBe(false);
    // 15 minutes later the window has passed.
    expect(await isSignInLimited(db, keys, new Date(t0.getTime() + 15 * 60_000 + 1))).toBe(false);
  });

  it('limits an address spraying failures over many accounts at 30 within 15 minutes', async () => {
    const t0 = new Date('2026-01-01T10:00:00Z');
    for (let i = 0; i < MAX_FAILED_SIGN_INS_PER_ADDRESS - 1; i++)
      await recordFailedSignIn(db, limitKeys(`user${i}@x.com`, '203.0.113.7'), t0);
    expect(await isSignInLimited(db, limitKeys('fresh@x.com', '203.0.113.7'), t0)).toBe(false);
    await recordFailedSignIn(db, limitKeys('last@x.com', '203.0.113.7'), t0);
    expect(await isSignInLimited(db, limitKeys('fresh@x.com', '203.0.113.7'), t0)).toBe(true);
    expect(await isSignInLimited(db, limitKeys('fresh@x.com', '198.51.100.9'), t0)).toBe(false);
  });

  it('a success clears the account’s failures, not the address’s', async () => {
    for (let i = 0; i < MAX_FAILED_SIGN_INS_PER_ADDRESS; i++)
      await recordFailedSignIn(db, limitKeys(i < 5 ? 'a@x.com' : `u${i}@x.com`, '203.0.113.1'));
    await clearAccountFailures(db, 'A@x.com');
    expect(await isSignInLimited(db, limitKeys('a@x.com', null))).toBe(false);
    expect(await isSignInLimited(db, limitKeys('c@x.com', '203.0.113.1'))).toBe(true);
  });

  it('takes the address your own proxies appended, never an entry the client wrote', () => {
    const forged = new Headers({ 'x-forwarded-for': '1.2.3.4, 203.0.113.5' }); // client wrote 1.2.3.4; our proxy 203.0.113.5
    expect(clientAddress(forged, 1)).toBe('203.0.113.5');
    // Two proxies of ours: the outer one appended the client's address, the inner one the outer proxy's.
    expect(clientAddress(new Headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.5, 10.0.0.2' }), 2)).toBe('203.0.113.5');
    // No trusted proxy: unknown, whatever the header says (Next fills it in itself).
    expect(clientAddress(forged, 0)).toBeNull();
    expect(clientAddress(new Headers({ 'x-real-ip': '198.51.100.2' }), 1)).toBeNull();
    expect(clientAddress(new Headers(), 1)).toBeNull();
    expect(clientAddress(new Headers({ 'x-forwarded-for': '203.0.113.5' }), 2)).toBeNull();
  });

  it('still counts a client who forges a new X-Forwarded-For entry on every try', async () => {
    const t0 = new Date('2026-01-01T10:00:00Z');
    for (let i = 0; i < MAX_FAILED_SIGN_INS_PER_ADDRESS; i++) {
      const headers = new Headers({ 'x-forwarded-for': `10.9.${i}.1, 203.0.113.8` });
      await recordFailedSignIn(db, limitKeys(`user${i}@x.com`, clientAddress(headers, 1)), t0);
    }
    const next = new Headers({ 'x-forwarded-for': '10.99.99.99, 203.0.113.8' });
    expect(await isSignInLimited(db, limitKeys('new@x.com', clientAddress(next, 1)), t0)).toBe(true);
  });
});
