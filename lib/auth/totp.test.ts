import { generateHOTP } from '@oslojs/otp';
import { describe, expect, it } from 'vitest';
import { acceptedStep, cleanTotpCode, keyForTyping, newTotpKey, stepAt, totpLink } from './totp';

const key = newTotpKey();
const at = new Date('2026-12-06T09:00:10Z');
const step = stepAt(at);
const codeFor = (s: number) => generateHOTP(key, BigInt(s), 6);

describe('TOTP codes', () => {
  it('accepts the current step and one either side (a phone clock a little off), not two', () => {
    expect(acceptedStep(key, codeFor(step), at, 0)).toBe(step);
    expect(acceptedStep(key, codeFor(step - 1), at, 0)).toBe(step - 1);
    expect(acceptedStep(key, codeFor(step + 1), at, 0)).toBe(step + 1);
    expect(acceptedStep(key, codeFor(step - 2), at, 0)).toBeNull();
    expect(acceptedStep(key, codeFor(step + 2), at, 0)).toBeNull();
  });

  it('refuses a step already used (replay), and any older one', () => {
    expect(acceptedStep(key, codeFor(step), at, step)).toBeNull();
    expect(acceptedStep(key, codeFor(step - 1), at, step - 1)).toBeNull();
    // A newer step than the last one used still works.
    expect(acceptedStep(key, codeFor(step + 1), at, step)).toBe(step + 1);
  });

  it('refuses another key’s code and anything that is not 6 digits; spaces people type are fine', () => {
    expect(acceptedStep(newTotpKey(), codeFor(step), at, 0)).toBeNull();
    expect(acceptedStep(key, 'abcdef', at, 0)).toBeNull();
    expect(acceptedStep(key, codeFor(step).slice(0, 5), at, 0)).toBeNull();
    const spaced = `${codeFor(step).slice(0, 3)} ${codeFor(step).slice(3)}`;
    expect(cleanTotpCode(spaced)).toBe(codeFor(step));
    expect(acceptedStep(key, spaced, at, 0)).toBe(step);
  });

  it('gives apps the standard link and a key to type', () => {
    const link = new URL(totpLink(key, 'Spintly portal', 'ops@example.com'));
    expect(link.protocol).toBe('otpauth:');
    expect(link.searchParams.get('period')).toBe('30');
    expect(link.searchParams.get('digits')).toBe('6');
    expect(link.searchParams.get('secret')).toBe(keyForTyping(key).replace(/ /g, ''));
    expect(keyForTyping(key)).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  });
});
