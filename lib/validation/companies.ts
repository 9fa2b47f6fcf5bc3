/** Companies: the form schema shared by the company form and its actions. */
import { z } from 'zod';
import { formDay, optionalFormDay } from './day';
import { idList } from './ids';
import { personFieldsSchema } from './people';
import { safeText } from './text';

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const companyFieldsSchema = z
  .object({
    name: safeText().pipe(z.string().min(1, 'Enter the company’s name').max(100, 'Use at most 100 characters')),
    validFrom: formDay('Use a date like 01/04/2026'),
    validUntil: optionalFormDay('Use a date like 31/03/2027'),
    siteIds: idList.pipe(z.array(z.number()).min(1, 'Choose at least one site')),
    /** The envelope: the doors its people may be given. */
    doorIds: idList,
    termId: z.preprocess(blank, z.coerce.number().int().positive().optional()),
    contactName: z.preprocess(blank, safeText().pipe(z.string().max(100, 'Use at most 100 characters')).optional()),
    contactEmail: personFieldsSchema.shape.email,
    contactPhone: personFieldsSchema.shape.phone,
    notes: z.preprocess(blank, safeText().pipe(z.string().max(1000, 'Use at most 1,000 characters')).optional()),
  })
  .superRefine((value, ctx) => {
    if (value.validUntil && value.validUntil < value.validFrom)
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'The end is before the start' });
  });

export const createCompanySchema = companyFieldsSchema;
export const updateCompanySchema = companyFieldsSchema.and(z.object({ companyId: z.coerce.number().int().positive() }));

export type CompanyInput = z.output<typeof companyFieldsSchema>;

/** What the form holds before parsing: every field as typed. */
export type CompanyFormValues = {
  name: string;
  validFrom: string;
  validUntil: string;
  siteIds: string[];
  doorIds: string[];
  termId: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  notes: string;
};
