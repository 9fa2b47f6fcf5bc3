import { describe, expect, it } from 'vitest';
import { phoneKey, storedSpellings, toE164 } from './phone';

describe('toE164', () => {
  it('adds the default country to national numbers and keeps international ones', () => {
    expect(toE164('98123 45678', 'IN')).toBe('+919812345678');
    expect(toE164('098123-45678', 'IN')).toBe('+919812345678');
    expect(toE164('919812345678', 'IN')).toBe('+919812345678');
    expect(toE164('+44 20 7946 0958', 'IN')).toBe('+442079460958');
    expect(toE164('0044 20 7946 0958', 'IN')).toBe('+442079460958');
  });
  it('refuses what cannot be a phone number', () => {
    expect(toE164('12345', 'IN')).toBeNull();
    expect(toE164('call me', 'IN')).toBeNull();
    expect(toE164('', 'IN')).toBeNull();
  });
});

describe('storedSpellings and phoneKey: one number in the spellings it may be stored in', () => {
  it('lists E.164, without +, national and with the trunk 0 for the portal’s country', () => {
    expect(storedSpellings('+919812345678', 'IN')).toEqual([
      '+919812345678',
      '919812345678',
      '9812345678',
      '09812345678',
    ]);
    expect(storedSpellings('+442079460958', 'IN')).toEqual(['+442079460958', '442079460958']);
  });
  it('reads each stored spelling as the same key', () => {
    for (const stored of storedSpellings('+919812345678', 'IN')) expect(phoneKey(stored, 'IN')).toBe('+919812345678');
  });
});
