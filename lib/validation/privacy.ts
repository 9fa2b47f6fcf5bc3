/** Erasure requests: the schemas shared by the privacy forms and their actions. */
import { z } from 'zod';
import { formDay } from './day';
import { safeText } from './text';

export const recordRequestSchema = z.object({
  subjectId: z.coerce.number().int().positive({ message: 'Find the person or visitor first' }),
  requestedBy: safeText().pipe(
    z.string().min(1, 'Say who asked, and how (e.g. “the visitor, by email”)').max(200, 'Use at most 200 characters'),
  ),
  receivedOn: formDay('Use a date like 05/12/2026'),
  deleteInSpintly: z.preprocess((value) => value === true || value === 'on' || value === 'true', z.boolean()),
});
export type RecordRequestInput = z.input<typeof recordRequestSchema>;

export const requestIdSchema = z.object({ requestId: z.string().uuid() });

export const refuseRequestSchema = requestIdSchema.extend({
  reason: safeText().pipe(
    z
      .string()
      .min(1, 'Say why, e.g. “legal hold: an incident under investigation”')
      .max(500, 'Use at most 500 characters'),
  ),
});
