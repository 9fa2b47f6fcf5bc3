import { z } from 'zod';

/** A list of ids however a form sends it: one string, an array, or nothing (an unticked checkbox is `false`). */
export const idList = z.preprocess(
  (value) =>
    (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && v !== null && v !== '' && v !== false),
  z.array(z.coerce.number().int().positive()),
);
