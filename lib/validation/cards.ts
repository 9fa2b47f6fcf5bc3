import { z } from 'zod';
import { CARD_NUMBER_PATTERN, CARD_NUMBER_RULE, normaliseCardNumber } from '../spintly/card-number';

/** A card number as a USB reader or a person types it; spaces are ignored. */
export const cardNumberSchema = z.preprocess(
  (v) => (typeof v === 'string' ? normaliseCardNumber(v) : v),
  z.string().regex(CARD_NUMBER_PATTERN, CARD_NUMBER_RULE),
);

export const issueCardSchema = z.object({ userId: z.coerce.number().int().positive(), credentialId: cardNumberSchema });
export const takeBackCardSchema = z.object({ userId: z.coerce.number().int().positive() });
