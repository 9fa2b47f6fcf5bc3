/** People (Spintly users): the form schema shared by react-hook-form and the actions. */
import { z } from 'zod';
import { compactPhone, PHONE_SHAPE, PHONE_SHAPE_MESSAGE } from '../core/phone';
import { idList } from './ids';
import { parseDay } from '../format';
import { safeText } from './text';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

import type { AccessModeKey } from './access-modes';

export { ACCESS_MODES, NEW_PERSON_ACCESS, type AccessModeKey } from './access-modes';

const accessSchema = z.object({
  mobile: z.boolean(),
  card: z.boolean(),
  remoteAccess: z.boolean(),
  tapToAccess: z.boolean(),
  fingerprint: z.boolean(),
  faceAccess: z.boolean(),
  gps: z.boolean(),
  deviceLock: z.boolean(),
  clickToAccessRange: z.coerce.number().int().min(0, 'Use 0 to 10 metres').max(10, 'Use 0 to 10 metres'),
});

export const personFieldsSchema = z.object({
  name: safeText().pipe(z.string().min(1, 'Enter a name').max(100, 'Use at most 100 characters')),
  email: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email({ message: 'Enter a valid email address' }))
      .optional(),
  ),
  phone: z.preprocess(
    blankToUndefined,
    z.string().trim().transform(compactPhone).pipe(z.string().regex(PHONE_SHAPE, PHONE_SHAPE_MESSAGE)).optional(),
  ),
  employeeCode: z.preprocess(
    blankToUndefined,
    safeText().pipe(z.string().max(50, 'Use at most 50 characters')).optional(),
  ),
  roleIds: idList.pipe(z.array(z.number()).min(1, 'Choose at least one role')),
  homeSiteId: z.coerce.number({ message: 'Choose a home site' }).int().positive('Choose a home site'),
  access: accessSchema,
  accessExpiresOn: z.preprocess(
    (value) =>
      typeof value === 'string' && value.trim() !== '' ? (parseDay(value) ?? value) : blankToUndefined(value),
    z.iso.date({ message: 'Use a date like 31/12/2026' }).optional(),
  ),
  /** The company the person works for; blank leaves it as it is. */
  companyId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
});

const reachable = (value: { email?: string | undefined; phone?: string | undefined }, ctx: z.RefinementCtx) => {
  // Spintly invites people by email or phone; and the portal finds a person again by them after a timeout.
  // Said under both fields: either one fixes it.
  if (!value.email && !value.phone)
    for (const field of ['email', 'phone'])
      ctx.addIssue({ code: 'custom', path: [field], message: 'Enter an email or a phone number' });
};

export const createPersonSchema = personFieldsSchema.extend({ doorIds: idList }).superRefine(reachable);
export const updatePersonSchema = personFieldsSchema
  .extend({ userId: z.coerce.number().int().positive() })
  .superRefine(reachable);

/** What the person form submits once its schema has parsed it (create or update). */
export type PersonInput = z.output<typeof createPersonSchema> | z.output<typeof updatePersonSchema>;

export type PersonFormValues = {
  name: string;
  email: string;
  phone: string;
  employeeCode: string;
  roleIds: string[];
  homeSiteId: string;
  access: Record<AccessModeKey, boolean> & { clickToAccessRange: string };
  accessExpiresOn: string;
  doorIds: string[];
  companyId: string;
};

export const peopleIdsSchema = z.object({
  userIds: idList.pipe(z.array(z.number()).min(1, 'Select at least one person').max(500)),
});
export const setPeopleActiveSchema = peopleIdsSchema.extend({ active: z.boolean() });
