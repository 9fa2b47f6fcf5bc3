import { describe, expect, it } from 'vitest';
import { pageHref } from './pagination';

describe('pageHref', () => {
  it('keeps the filters that are set and drops the empty ones', () => {
    expect(pageHref('/sites/1/permissions', { search: 'asha', status: undefined }, 3)).toBe(
      '/sites/1/permissions?search=asha&page=3',
    );
    expect(pageHref('/sites/1', { search: '' }, 2)).toBe('/sites/1?page=2');
  });

  it('leaves page 1 out, so the first page has one URL', () => {
    expect(pageHref('', { search: 'a b' }, 1)).toBe('?search=a+b');
    expect(pageHref('/sites/1', {}, 1)).toBe('/sites/1?');
  });
});
