import { describe, expect, it } from 'vitest';
import { NONE, nameFor, nameOrNone } from './names';

describe('names: one wording for what is not known', () => {
  const sites = new Map([[1, 'Koramangala Hub']]);
  it('names what is known, and says kind and id for what is not', () => {
    expect(nameFor(sites, 'site', 1)).toBe('Koramangala Hub');
    expect(nameFor(sites, 'site', 3)).toBe('Site 3');
    expect(nameFor(new Map(), 'door', 509)).toBe('Door 509');
  });
  it('marks "none" the same everywhere', () => {
    expect(nameOrNone(sites, 'site', null)).toBe(NONE);
  });
});
