import { z } from 'zod';

/**
 * The most ids any one request may carry. Checked before anything else runs, so a crafted request with 100,000
 * made-up ids costs one refusal, not a thousand scope reads with the company's Spintly credentials. Work on more
 * people than this at once sends a filter, not a list.
 */
export const MAX_IDS = 1000;

/** A list of ids however a form sends it: one string, an array, or nothing (an unticked checkbox is `false`). */
export const idList = z.preprocess(
  (value) =>
    (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && v !== null && v !== '' && v !== false),
  z
    .array(z.coerce.number().int().positive())
    .max(MAX_IDS, `Choose at most ${MAX_IDS.toLocaleString('en-IN')} at a time`),
);
