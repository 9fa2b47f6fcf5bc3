/** Access groups: the schemas shared by the group forms and their actions. */
import { z } from 'zod';
import { optionalFormDay } from './day';
import { idList } from './ids';
import { safeText } from './text';

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** The most doors one group gives: a group is a handful of doors (a floor, a gym), not a building's every reader. */
export const MAX_GROUP_DOORS = 200;

export const groupFieldsSchema = z.object({
  name: safeText().pipe(z.string().min(1, 'Name the group').max(80, 'Use at most 80 characters')),
  description: z.preprocess(blank, safeText().pipe(z.string().max(300, 'Use at most 300 characters')).optional()),
  doorIds: idList.pipe(
    z
      .array(z.number())
      .min(1, 'Choose at least one door')
      .max(MAX_GROUP_DOORS, `Choose at most ${MAX_GROUP_DOORS} doors`),
  ),
});
export const createGroupSchema = groupFieldsSchema;
export const updateGroupSchema = groupFieldsSchema.and(z.object({ groupId: z.coerce.number().int().positive() }));
export type GroupInput = z.output<typeof groupFieldsSchema>;

/** What the group form holds before parsing. */
export type GroupFormValues = { name: string; description: string; doorIds: string[] };

export const addMembersSchema = z
  .object({
    groupId: z.coerce.number().int().positive(),
    personIds: idList,
    companyIds: idList,
    /** The first day (dd/mm/yyyy) the group's doors open for them; empty = now. */
    from: optionalFormDay('Use a date like 01/01/2027'),
    /** The last day; empty = until removed. */
    until: optionalFormDay('Use a date like 31/12/2027'),
  })
  .superRefine((value, ctx) => {
    if (value.personIds.length === 0 && value.companyIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['personIds'], message: 'Choose at least one person or company' });
    if (value.from && value.until && value.until < value.from)
      ctx.addIssue({ code: 'custom', path: ['until'], message: 'The end is before the start' });
  });
export type AddMembersInput = z.output<typeof addMembersSchema>;
export type AddMembersFormValues = { personIds: string[]; companyIds: string[]; from: string; until: string };

/** A membership to end, with the member it is (checked against the membership, so the scope check sees who). */
export const removeMemberSchema = z
  .object({
    groupId: z.coerce.number().int().positive(),
    membershipId: z.uuid(),
    personId: z.coerce.number().int().positive().optional(),
    companyId: z.coerce.number().int().positive().optional(),
  })
  .refine((v) => (v.personId === undefined) !== (v.companyId === undefined), {
    message: 'Say which person or company leaves',
  });

export const repairGroupSchema = z.object({ groupId: z.coerce.number().int().positive() });

/** A membership's new last day (empty = no end), with the member it is (as for a removal). */
export const changeMemberEndSchema = z
  .object({
    groupId: z.coerce.number().int().positive(),
    membershipId: z.uuid(),
    personId: z.coerce.number().int().positive().optional(),
    companyId: z.coerce.number().int().positive().optional(),
    until: optionalFormDay('Use a date like 31/12/2027'),
  })
  .refine((v) => (v.personId === undefined) !== (v.companyId === undefined), {
    message: 'Say which person or company',
  });
