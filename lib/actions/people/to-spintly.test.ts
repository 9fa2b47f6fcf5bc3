import { describe, expect, it } from 'vitest';
import { NEW_PERSON_ACCESS, personFieldsSchema } from '../../validation/people';
import { toSpintlyUser } from './to-spintly';
import { Refusal } from '../../core/refusal';

const fields = (phone: string) =>
  personFieldsSchema.parse({
    name: 'Meera Shah',
    phone,
    roleIds: '1',
    homeSiteId: '1',
    access: NEW_PERSON_ACCESS,
  });

describe('toSpintlyUser: the person form in Spintly’s shape', () => {
  it('sends a phone as E.164, however it was typed (national numbers in the portal’s country, IN by default)', () => {
    expect(toSpintlyUser(fields('98450 11223')).phone).toBe('+919845011223');
    expect(toSpintlyUser(fields('098450-11223')).phone).toBe('+919845011223');
    expect(toSpintlyUser(fields('+44 20 7946 0958')).phone).toBe('+442079460958');
  });

  it('refuses, beside the phone field, digits that are no number here and carry no country code', () => {
    const refusal = (() => {
      try {
        toSpintlyUser(fields('1234567'));
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(Refusal);
    expect(refusal).toMatchObject({ field: 'phone', message: expect.stringContaining('country code') });
  });
});
