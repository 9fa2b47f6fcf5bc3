import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toQueryString } from '../query-string';
import { parseQuery, queryFields } from './query';

const schema = z.object({ search: queryFields.search, status: queryFields.status, page: queryFields.page });

describe('parseQuery', () => {
  it('reads the first of repeated values, drops blanks and falls back to defaults on malformed ones', () => {
    expect(parseQuery(schema, { search: ['asha', 'ravi'], status: 'nonsense', page: 'x' })).toEqual({
      search: 'asha',
      status: 'all',
      page: 1,
    });
    expect(parseQuery(schema, new URLSearchParams('search=&status=active&page=3'))).toEqual({
      search: undefined,
      status: 'active',
      page: 3,
    });
  });

  it('drops a search with control characters rather than failing the page', () => {
    expect(parseQuery(schema, { search: 'a\u0000b' }).search).toBeUndefined();
  });
});

describe('toQueryString', () => {
  it('keeps the set filters and drops page 1 and defaults, so each view has one URL', () => {
    expect(toQueryString('/sites/1/permissions', { search: 'asha', status: 'all', page: 3 }, { status: 'all' })).toBe(
      '/sites/1/permissions?search=asha&page=3',
    );
    expect(toQueryString('/sites/1', { search: '', page: 2 })).toBe('/sites/1?page=2');
    expect(toQueryString('/users', { status: 'inactive', page: 1 }, { status: 'all' })).toBe('/users?status=inactive');
  });

  it('encodes values, and with nothing set gives the bare path (or "?" to clear the current one)', () => {
    expect(toQueryString('', { search: 'a b', page: 1 })).toBe('?search=a+b');
    expect(toQueryString('/sites/1', { page: 1 })).toBe('/sites/1');
    expect(toQueryString('', {})).toBe('?');
  });
});
