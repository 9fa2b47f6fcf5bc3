import { describe, expect, it } from 'vitest';
import { companyFieldsSchema } from './companies';
import { formDay, optionalFormDay } from './day';

describe('days on forms', () => {
  it('reads dd/mm/yyyy and yyyy-mm-dd; an optional day left empty is none, a required one is refused', () => {
    expect(formDay('x').parse('31/03/2027')).toBe('2027-03-31');
    expect(formDay('x').parse('2027-03-31')).toBe('2027-03-31');
    expect(formDay('Use a date').safeParse('').error?.issues[0]?.message).toBe('Use a date');
    expect(optionalFormDay('x').parse('')).toBeUndefined();
    expect(optionalFormDay('Use a date').safeParse('31/02/2027').error?.issues[0]?.message).toBe('Use a date');
  });

  it('lets a company be saved without an end date (an empty "Access until")', () => {
    const company = { name: 'Orbitpay', validFrom: '01/01/2026', validUntil: '', siteIds: ['1'], doorIds: [] };
    expect(companyFieldsSchema.safeParse(company).success).toBe(true);
  });
});
