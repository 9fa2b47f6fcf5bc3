/**
 * Time-based one-time codes (RFC 6238) as authenticator apps make them: SHA-1, 6 digits, 30-second steps — the
 * defaults every app reads from an `otpauth://` link. The arithmetic is @oslojs/otp's; what is ours is which step a
 * code may belong to: the current one or one either side (a phone's clock a little off), and only a step newer than
 * the last one accepted, so a code seen over someone's shoulder cannot be used again. Pure: no clock, no storage.
 */
import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import { encodeBase32NoPadding } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now a code is still accepted for: ±30 s of clock drift. */
const DRIFT_STEPS = 1;

/** A new 160-bit key (RFC 4226's recommended length). */
export const newTotpKey = (): Uint8Array => new Uint8Array(randomBytes(20));

/** The key as the letters an operator types into an app that cannot scan (groups of 4, as apps show them). */
export const keyForTyping = (key: Uint8Array) =>
  encodeBase32NoPadding(key)
    .match(/.{1,4}/g)!
    .join(' ');

/** The `otpauth://` link the QR code carries: the app shows "<issuer> (<email>)". */
export const totpLink = (key: Uint8Array, issuer: string, email: string) =>
  createTOTPKeyURI(issuer, email, key, TOTP_PERIOD_S, TOTP_DIGITS);

export const stepAt = (now: Date) => Math.floor(now.getTime() / 1000 / TOTP_PERIOD_S);

/** A typed code without the spaces people add ("123 456"); null unless it is 6 digits. */
export function cleanTotpCode(code: string): string | null {
  const digits = code.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * The step `code` was made for, if it is within the drift of `now` and newer than `lastStep`; otherwise null.
 * The caller stores the step it got, atomically (only if still newer), so two requests racing with one code cannot
 * both win.
 */
export function acceptedStep(key: Uint8Array, code: string, now: Date, lastStep: number): number | null {
  const digits = cleanTotpCode(code);
  if (!digits) return null;
  const current = stepAt(now);
  for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++)
    if (step > lastStep && verifyHOTP(key, BigInt(step), TOTP_DIGITS, digits)) return step;
  return null;
}
