/** Temporary access: the actions' input schemas (the person page's form sends plain values; these check them on the server). */
import { z } from 'zod';
import { optionalFormDay } from './day';
import { ACCESS_PRESETS } from '../grants/presets';
import { idList } from './ids';
import { safeText } from './text';

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const temporaryAccessSchema = z
  .object({
    userId: z.coerce.number().int().positive(),
    doorIds: idList.pipe(z.array(z.number()).min(1, 'Choose at least one door').max(50, 'Choose at most 50 doors')),
    preset: z.enum(ACCESS_PRESETS, { message: 'Choose how long' }),
    /** The last day, for "Until a date" (dd/mm/yyyy on the form). */
    until: optionalFormDay('Use a date like 31/12/2026'),
    /** An exact end (ISO), for integrations; the form uses the presets. */
    endsAt: z.preprocess(blank, z.iso.datetime({ offset: true }).optional()),
    /** A later start (ISO): the expiry task grants it then. */
    startsAt: z.preprocess(blank, z.iso.datetime({ offset: true }).optional()),
    reason: safeText().pipe(
      z.string().min(1, 'Say why (it is kept with the grant)').max(200, 'Use at most 200 characters'),
    ),
  })
  .superRefine((value, ctx) => {
    if (value.preset === 'until' && !value.until && !value.endsAt)
      ctx.addIssue({ code: 'custom', path: ['until'], message: 'Choose the last day' });
  });
export type TemporaryAccessInput = z.output<typeof temporaryAccessSchema>;

/** Extending an open grant: a new end, by preset or last day. */
export const extendGrantSchema = z
  .object({
    grantId: z.uuid(),
    userId: z.coerce.number().int().positive(),
    doorId: z.coerce.number().int().positive(),
    preset: z.enum(ACCESS_PRESETS, { message: 'Choose how long' }),
    until: temporaryAccessSchema.shape.until,
  })
  .superRefine((value, ctx) => {
    if (value.preset === 'until' && !value.until)
      ctx.addIssue({ code: 'custom', path: ['until'], message: 'Choose the last day' });
  });
