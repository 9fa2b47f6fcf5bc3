import { describe, expect, it } from 'vitest';
import { formValues } from './form-values';

/** Entries as a form gives them: a repeated name for each ticked box of a group, a lone box only when ticked. */
function entries(pairs: [string, string][]) {
  return new URLSearchParams(pairs);
}

const defaults = {
  name: '',
  homeSiteId: '1',
  roleIds: ['2'],
  access: { card: true, mobile: false, range: '3' },
  userId: '1001',
};

describe('formValues', () => {
  it('reads text, a ticked group, yes/no boxes and nested names in the shape of the defaults', () => {
    const shown = new Set(['name', 'homeSiteId', 'roleIds', 'access.card', 'access.mobile', 'access.range']);
    const read = formValues(
      entries([
        ['name', 'Ravi Kumar'],
        ['homeSiteId', '2'],
        ['roleIds', '2'],
        ['roleIds', '5'],
        ['access.mobile', 'on'],
        ['access.range', '7'],
      ]),
      shown,
      defaults,
    );
    expect(read).toEqual({
      name: 'Ravi Kumar',
      homeSiteId: '2',
      roleIds: ['2', '5'],
      access: { card: false, mobile: true, range: '7' },
      userId: '1001',
    });
  });

  it('a field the form does not show keeps its default; an emptied group is empty, not its default', () => {
    const read = formValues(entries([['name', 'x']]), new Set(['name', 'roleIds']), defaults);
    expect(read.userId).toBe('1001');
    expect(read.homeSiteId).toBe('1');
    expect(read.access).toEqual(defaults.access);
    expect(read.roleIds).toEqual([]);
  });
});
