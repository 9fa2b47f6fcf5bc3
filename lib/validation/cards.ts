import { z } from 'zod';
import { credentialIdSchema } from '../spintly/contract';

/** A card number as a USB reader or a person types it; spaces are ignored. */
export const cardNumberSchema = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/\s+/g, '') : v),
  credentialIdSchema.refine(() => true, { message: 'A card number has 4 to 32 letters or digits' }),
);

export const issueCardSchema = z.object({ userId: z.coerce.number().int().positive(), credentialId: cardNumberSchema });
export const takeBackCardSchema = z.object({ userId: z.coerce.number().int().positive() });
