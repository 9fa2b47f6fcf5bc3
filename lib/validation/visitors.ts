/** Visitors: registering one, changing a visit, and a site's visitor doors. */
import { z } from 'zod';
import { parseDay } from '../format';
import { CARD_NUMBER_PATTERN } from '../spintly/card-number';
import { compactPhone, PHONE_SHAPE, PHONE_SHAPE_MESSAGE } from '../core/phone';
import { idList } from './ids';
import { personFieldsSchema } from './people';

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const siteId = z.coerce.number({ message: 'Choose a site' }).int().positive('Choose a site');
const hostId = z.coerce.number({ message: 'Choose the host' }).int().positive('Choose the host');
/** A wall-clock time in the portal's zone, as typed: 9:30 or 09:30 (24-hour). */
const clockTime = z
  .string()
  .trim()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'Use a time like 09:30');
const day = z.preprocess(
  (value) => (typeof value === 'string' ? (parseDay(value) ?? value) : value),
  z.iso.date({ message: 'Use a date like 31/12/2026' }),
);
const hours = z.coerce.number({ message: 'Choose how long' }).int().min(1, 'At least 1 hour').max(72);

export const registerVisitorSchema = z.object({
  /** Made by the form when it opens: the same registration sent twice is one visit. */
  requestKey: z.uuid(),
  name: personFieldsSchema.shape.name,
  phone: z.preprocess(
    blank,
    z
      .string({ message: 'Enter the visitor’s phone' })
      .trim()
      .transform(compactPhone)
      .pipe(z.string().regex(PHONE_SHAPE, PHONE_SHAPE_MESSAGE)),
  ),
  email: personFieldsSchema.shape.email,
  hostId,
  siteId,
  day,
  from: clockTime,
  hours,
  doorIds: idList.pipe(z.array(z.number()).min(1, 'Choose at least one door')),
  /** A temporary card from the desk's stack, optional. */
  card: z.preprocess(
    blank,
    z.string().trim().regex(CARD_NUMBER_PATTERN, 'A card number is 4 to 32 letters or digits').optional(),
  ),
  /** The version of the privacy notice the form showed (lib/visitors/notice.ts). */
  noticeVersion: z.string().trim().min(1).max(64),
  /** The visitor read the notice and accepts it: nobody is registered without it. */
  noticeAccepted: z.preprocess(
    (value) => value === true || value === 'on' || value === 'true',
    z.literal(true, { message: 'The visitor must read and accept the notice first' }),
  ),
});
export type RegisterVisitorInput = z.output<typeof registerVisitorSchema>;
export type RegisterVisitorFields = {
  [K in keyof Omit<RegisterVisitorInput, 'doorIds' | 'noticeAccepted'>]: string;
} & { doorIds: string[]; noticeAccepted: boolean };

/** Every action on a visit names its site too: the scope check reads the site, the action checks the visit is there. */
const visitRef = { visitId: z.uuid(), siteId };

export const endVisitSchema = z.object(visitRef);
export const extendVisitSchema = z.object({ ...visitRef, hours: z.coerce.number().int().min(1).max(72) });
export const changeVisitDoorsSchema = z.object({
  ...visitRef,
  doorIds: idList.pipe(z.array(z.number()).min(1, 'Choose at least one door')),
});
export const siteVisitorDoorsSchema = z.object({ siteId, doorIds: idList });
