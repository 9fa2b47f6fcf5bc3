import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Database } from '../db';
import { describeDatabases } from '../db/test-databases';
import { operatorStore } from '../operators/store';
import { BACKUP_CODE_COUNT, secondFactors } from './second-factor';
import { recordStepUp, stepUpIsFresh, STEP_UP_WINDOW_MS } from './step-up';
import { stepAt } from './totp';

const SECRET = 'unit-test-auth-secret-0123456789abcdef';
let db: Kysely<Database>;
let now: Date;
let operatorId: string;

/** The code an app would show for the key the page printed, at `when`. */
const codeAt = (typed: string, when: Date) =>
  generateHOTP(decodeBase32IgnorePadding(typed.replace(/ /g, '')), BigInt(stepAt(when)), 6);
const later = (ms: number) => new Date(now.getTime() + ms);

describeDatabases('second factor', (database) => {
  beforeEach(async () => {
    db = await database.open();
    now = new Date('2026-12-06T09:00:05Z');
    ({
      operator: { id: operatorId },
    } = await operatorStore(db).create({
      email: 'ops@example.com',
      name: 'Ops',
      role: 'super_admin',
      siteIds: [],
    }));
  });
  afterEach(() => db.destroy());

  const factors = () => secondFactors(db, SECRET, () => now);

  async function enrol() {
    const { typed } = await factors().startEnrolment(operatorId, 'ops@example.com');
    const codes = await factors().confirmEnrolment(operatorId, codeAt(typed, now));
    return { typed, codes: codes! };
  }

  it('enrols with a first code; the key is sealed at rest and the backup codes stored only as hashes', async () => {
    const first = await factors().startEnrolment(operatorId, 'ops@example.com');
    // Reloading the page shows the same key until it is confirmed.
    expect((await factors().startEnrolment(operatorId, 'ops@example.com')).typed).toBe(first.typed);
    expect(await factors().confirmEnrolment(operatorId, '000000')).toBeNull();
    expect((await factors().state(operatorId)).enrolledAt).toBeNull();
    const codes = await factors().confirmEnrolment(operatorId, codeAt(first.typed, now));
    expect(codes).toHaveLength(BACKUP_CODE_COUNT);
    expect(new Set(codes).size).toBe(BACKUP_CODE_COUNT);
    expect(await factors().state(operatorId)).toEqual({ enrolledAt: now.toISOString(), backupCodesLeft: 10 });
    expect((await operatorStore(db).get(operatorId))?.secondFactorSince).toBe(now.toISOString());

    const stored = JSON.stringify([
      await db.selectFrom('operator_second_factors').selectAll().execute(),
      await db.selectFrom('operator_backup_codes').selectAll().execute(),
    ]);
    expect(stored).not.toContain(first.typed.replace(/ /g, ''));
    for (const code of codes!) expect(stored).not.toContain(code);
    expect(stored).toContain('$argon2id$');
    // Sealed under another AUTH_SECRET, the key is unreadable: no code works.
    now = later(60_000);
    expect(
      await secondFactors(db, 'another-secret-0123456789abcdef0123', () => now).redeem(
        operatorId,
        codeAt(first.typed, now),
      ),
    ).toBeNull();
    await expect(factors().startEnrolment(operatorId, 'ops@example.com')).rejects.toThrow(/already set up/);
  });

  it('accepts a code’s time step once: the same code again is refused, the next step’s code works', async () => {
    const { typed } = await enrol();
    // The step the enrolment code used is spent already.
    expect(await factors().redeem(operatorId, codeAt(typed, now))).toBeNull();
    now = later(30_000);
    const code = codeAt(typed, now);
    expect(await factors().redeem(operatorId, code)).toBe('totp');
    expect(await factors().redeem(operatorId, code)).toBeNull();
    // Two requests racing with one fresh code: exactly one wins.
    now = later(30_000);
    const raced = await Promise.all([1, 2, 3].map(() => factors().redeem(operatorId, codeAt(typed, now))));
    expect(raced.filter((r) => r === 'totp')).toHaveLength(1);
    expect(await factors().redeem(operatorId, '123456')).toBeNull();
  });

  it('takes each backup code once, typed any way; renewing voids the old ones', async () => {
    const { codes } = await enrol();
    const [first, second] = codes;
    expect(await factors().redeem(operatorId, first!.toUpperCase().replace('-', ' '))).toBe('backup');
    expect(await factors().redeem(operatorId, first!)).toBeNull();
    expect((await factors().state(operatorId)).backupCodesLeft).toBe(9);
    expect(await factors().redeem(operatorId, 'zzzzz-zzzzz')).toBeNull();
    const renewed = await factors().renewBackupCodes(operatorId);
    expect(await factors().redeem(operatorId, second!)).toBeNull();
    expect(await factors().redeem(operatorId, renewed[0]!)).toBe('backup');
  });

  it('a reset removes the factor and its codes: the operator enrols again with a new key', async () => {
    const { typed, codes } = await enrol();
    expect(await factors().reset(operatorId)).toBe(true);
    expect(await factors().state(operatorId)).toEqual({ enrolledAt: null, backupCodesLeft: 0 });
    expect(await factors().redeem(operatorId, codes[0]!)).toBeNull();
    expect((await factors().startEnrolment(operatorId, 'ops@example.com')).typed).not.toBe(typed);
    expect(await factors().reset('nobody')).toBe(false);
  });

  it('a step-up is fresh for 10 minutes, for that session only', async () => {
    await recordStepUp(db, 'sid-1', operatorId, now);
    expect(await stepUpIsFresh(db, 'sid-1', operatorId, later(STEP_UP_WINDOW_MS - 1000))).toBe(true);
    expect(await stepUpIsFresh(db, 'sid-1', operatorId, later(STEP_UP_WINDOW_MS + 1000))).toBe(false);
    expect(await stepUpIsFresh(db, 'sid-2', operatorId, now)).toBe(false);
    expect(await stepUpIsFresh(db, 'sid-1', 'someone-else', now)).toBe(false);
  });
});
