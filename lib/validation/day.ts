/** A calendar day in a form: dd/mm/yyyy (as the portal shows days) or yyyy-mm-dd, parsed to yyyy-mm-dd. */
import { z } from 'zod';
import { parseDay } from '../format';

const asDay = (value: unknown) => {
  if (typeof value !== 'string') return value;
  return value.trim() === '' ? undefined : (parseDay(value) ?? value);
};

/** A required day; `message` says what a valid one looks like. */
export const formDay = (message: string) => z.preprocess(asDay, z.iso.date({ message }));

/**
 * An optional day: an empty field is none. (`formDay(…).optional()` would still refuse an empty field: the
 * preprocess turns it into undefined after `optional` has let it through.)
 */
export const optionalFormDay = (message: string) => z.preprocess(asDay, z.iso.date({ message }).optional());
