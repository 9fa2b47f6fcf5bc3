import { z } from 'zod';

/**
 * What the import job does for one row: ids resolved, values normalised by the dry run (lib/import/check.ts). It is
 * stored as the job item's input and parsed again before the row is applied (lib/import/apply.ts).
 */
export const importPlanSchema = z.object({
  line: z.number().int().positive(),
  /** The person this row updates; null = a new person. */
  personId: z.number().int().positive().nullable(),
  name: z.string().min(1),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  employeeCode: z.string().nullable(),
  homeSiteId: z.number().int().positive(),
  roleIds: z.array(z.number().int().positive()),
  card: z.string().nullable(),
  /** A day (YYYY-MM-DD) in the portal's time zone. */
  accessExpiresOn: z.string().nullable(),
  doorIds: z.array(z.number().int().positive()),
  /** The company the row names (by name); null = none named. Plans stored before companies had none. */
  companyId: z.number().int().positive().nullable().default(null),
});

export type ImportPlan = z.output<typeof importPlanSchema>;
