import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './callback-url';

describe('safeCallbackUrl', () => {
  it('keeps paths on this site and refuses anything that leaves it', () => {
    expect(safeCallbackUrl('/audit?action=x')).toBe('/audit?action=x');
    expect(safeCallbackUrl(undefined)).toBe('/');
    expect(safeCallbackUrl('https://evil.example')).toBe('/');
    expect(safeCallbackUrl('//evil.example')).toBe('/');
    expect(safeCallbackUrl('/\\evil.example')).toBe('/');
  });
});
