import { describe, expect, it } from 'vitest';
import { looksLikeCardNumber } from './card-number';

describe('looksLikeCardNumber', () => {
  it('takes digits a reader types, spaces dropped', () => {
    expect(looksLikeCardNumber('0004512345')).toBe(true);
    expect(looksLikeCardNumber(' 0004 5123 ')).toBe(true);
  });
  it('never takes a name, a code with letters, a formatted phone or a number outside the card format', () => {
    expect(looksLikeCardNumber('Ravi')).toBe(false);
    expect(looksLikeCardNumber('EMP1234')).toBe(false);
    expect(looksLikeCardNumber('+919876543210')).toBe(false);
    expect(looksLikeCardNumber('123')).toBe(false);
    expect(looksLikeCardNumber('1'.repeat(33))).toBe(false);
  });
});
