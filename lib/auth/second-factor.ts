import 'server-only';
import { randomUUID } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { Refusal } from '../core/refusal';
import { hashPassword, readableCode } from '../operators/store';
import { open, seal } from './secret-box';
import { acceptedStep, cleanTotpCode, keyForTyping, newTotpKey, totpLink } from './totp';

/**
 * Operators' second factor: a TOTP key per operator (sealed at rest, lib/auth/secret-box.ts) and ten backup codes
 * (argon2id, each usable once). Every "use" is one conditional UPDATE — the step moves forward only if it is newer,
 * a backup code is spent only if still unspent — so two requests racing with the same code cannot both succeed, on
 * one instance or several.
 */
export const BACKUP_CODE_COUNT = 10;
const PURPOSE = 'totp';
/** What authenticator apps show as the account's issuer. */
export const TOTP_ISSUER = 'Spintly portal';

export type CodeKind = 'totp' | 'backup';

export interface SecondFactorState {
  /** When enrolment was confirmed; null when the operator has no second factor. */
  enrolledAt: string | null;
  backupCodesLeft: number;
}

/** A backup code as typed: lower case, without spaces; the dash optional. */
const cleanBackupCode = (code: string) => {
  const letters = code.toLowerCase().replace(/[\s-]/g, '');
  return /^[a-z0-9]{10}$/.test(letters) ? `${letters.slice(0, 5)}-${letters.slice(5)}` : null;
};

export function secondFactors(db: Kysely<Database>, authSecret: string, now: () => Date = () => new Date()) {
  const stamp = () => now().toISOString();

  async function row(operatorId: string) {
    return db
      .selectFrom('operator_second_factors')
      .selectAll()
      .where('operator_id', '=', operatorId)
      .executeTakeFirst();
  }

  const keyOf = (sealed: string) => open(authSecret, PURPOSE, sealed);

  async function newBackupCodes(operatorId: string): Promise<string[]> {
    const codes = Array.from({ length: BACKUP_CODE_COUNT }, () => readableCode(2, 5));
    const hashes = await Promise.all(codes.map((code) => hashPassword(code)));
    await db.deleteFrom('operator_backup_codes').where('operator_id', '=', operatorId).execute();
    await db
      .insertInto('operator_backup_codes')
      .values(hashes.map((code_hash) => ({ id: randomUUID(), operator_id: operatorId, code_hash, used_at: null })))
      .execute();
    return codes;
  }

  async function spendTotp(operatorId: string, code: string): Promise<boolean> {
    const factor = await row(operatorId);
    const key = factor?.confirmed_at ? keyOf(factor.secret) : null;
    if (!factor || !key) return false;
    const step = acceptedStep(key, code, now(), Number(factor.last_step));
    if (step === null) return false;
    const moved = await db
      .updateTable('operator_second_factors')
      .set({ last_step: step })
      .where('operator_id', '=', operatorId)
      .where('last_step', '<', step)
      .executeTakeFirst();
    return Number(moved.numUpdatedRows) === 1;
  }

  async function spendBackupCode(operatorId: string, code: string): Promise<boolean> {
    const typed = cleanBackupCode(code);
    if (!typed) return false;
    const unspent = await db
      .selectFrom('operator_backup_codes')
      .select(['id', 'code_hash'])
      .where('operator_id', '=', operatorId)
      .where('used_at', 'is', null)
      .execute();
    const matches = await Promise.all(unspent.map((c) => verify(c.code_hash, typed).catch(() => false)));
    const match = unspent[matches.indexOf(true)];
    if (!match) return false;
    const spent = await db
      .updateTable('operator_backup_codes')
      .set({ used_at: stamp() })
      .where('id', '=', match.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(spent.numUpdatedRows) === 1;
  }

  return {
    async state(operatorId: string): Promise<SecondFactorState> {
      const [factor, left] = await Promise.all([
        row(operatorId),
        db
          .selectFrom('operator_backup_codes')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('operator_id', '=', operatorId)
          .where('used_at', 'is', null)
          .executeTakeFirstOrThrow(),
      ]);
      return { enrolledAt: factor?.confirmed_at ?? null, backupCodesLeft: factor?.confirmed_at ? Number(left.n) : 0 };
    },

    /**
     * The key to show while enrolling: the one already waiting for its first code (so reloading the page shows the
     * same QR code), else a new one. Refused once enrolled: a second key would silently replace the first.
     */
    async startEnrolment(operatorId: string, email: string) {
      const existing = await row(operatorId);
      if (existing?.confirmed_at) throw new Refusal('Two-factor sign-in is already set up for this account.');
      let key = existing ? keyOf(existing.secret) : null;
      if (!key) {
        key = newTotpKey();
        await db.deleteFrom('operator_second_factors').where('operator_id', '=', operatorId).execute();
        await db
          .insertInto('operator_second_factors')
          .values({
            operator_id: operatorId,
            secret: seal(authSecret, PURPOSE, key),
            created_at: stamp(),
            confirmed_at: null,
            last_step: 0,
          })
          .execute();
      }
      return { link: totpLink(key, TOTP_ISSUER, email), typed: keyForTyping(key) };
    },

    /** Confirms enrolment with a first code from the app; returns the backup codes, shown once and never again. */
    async confirmEnrolment(operatorId: string, code: string): Promise<string[] | null> {
      const factor = await row(operatorId);
      const key = factor && !factor.confirmed_at ? keyOf(factor.secret) : null;
      if (!key) throw new Refusal('Start again: open Two-factor sign-in on your account page.', { reason: 'conflict' });
      const step = acceptedStep(key, code, now(), 0);
      if (step === null) return null;
      const confirmed = await db
        .updateTable('operator_second_factors')
        .set({ confirmed_at: stamp(), last_step: step })
        .where('operator_id', '=', operatorId)
        .where('confirmed_at', 'is', null)
        .executeTakeFirst();
      if (Number(confirmed.numUpdatedRows) !== 1) return null;
      return newBackupCodes(operatorId);
    },

    /** Uses a code from the app or a backup code: which one it was, or null (wrong, reused or expired alike). */
    async redeem(operatorId: string, code: string): Promise<CodeKind | null> {
      if (cleanTotpCode(code)) return (await spendTotp(operatorId, code)) ? 'totp' : null;
      return (await spendBackupCode(operatorId, code)) ? 'backup' : null;
    },

    /** New backup codes for an enrolled operator (the old ones stop working). */
    async renewBackupCodes(operatorId: string): Promise<string[]> {
      const factor = await row(operatorId);
      if (!factor?.confirmed_at) throw new Refusal('Set up two-factor sign-in first.', { reason: 'conflict' });
      return newBackupCodes(operatorId);
    },

    /** Removes the second factor and its backup codes (an admin's reset): the operator enrols again. */
    async reset(operatorId: string): Promise<boolean> {
      const removed = await db
        .deleteFrom('operator_second_factors')
        .where('operator_id', '=', operatorId)
        .executeTakeFirst();
      await db.deleteFrom('operator_backup_codes').where('operator_id', '=', operatorId).execute();
      return Number(removed.numDeletedRows) > 0;
    },
  };
}

export type SecondFactors = ReturnType<typeof secondFactors>;
