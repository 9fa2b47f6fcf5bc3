/** Operator forms: shared by the react-hook-form resolver in the browser and the server actions. */
import { z } from 'zod';
import { idList } from './ids';
import { safeText } from './text';

import { OPERATOR_ROLES } from './operator-roles';

export { OPERATOR_ROLES };

const siteIds = idList;

const accessFields = {
  role: z.enum(OPERATOR_ROLES, { message: 'Choose a role' }),
  siteIds,
  /** A company admin's companies (their sites follow from the companies). */
  companyIds: idList.default([]),
};

const needsSites = (value: { role: string; siteIds: number[]; companyIds: number[] }, ctx: z.RefinementCtx) => {
  if (value.role === 'company_admin') {
    if (value.companyIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['companyIds'], message: 'Choose at least one company for this role' });
  } else if (value.role !== 'super_admin' && value.siteIds.length === 0)
    ctx.addIssue({ code: 'custom', path: ['siteIds'], message: 'Choose at least one site for this role' });
};

export const createOperatorSchema = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email({ message: 'Enter a valid email address' })),
    name: safeText().pipe(z.string().min(1, 'Enter a name').max(100)),
    ...accessFields,
  })
  .superRefine(needsSites);
export type CreateOperatorInput = z.input<typeof createOperatorSchema>;
export type CreateOperatorOutput = z.output<typeof createOperatorSchema>;

export const updateOperatorAccessSchema = z.object({ operatorId: z.uuid(), ...accessFields }).superRefine(needsSites);

export const operatorIdSchema = z.object({ operatorId: z.uuid() });

export const setOperatorStatusSchema = z.object({ operatorId: z.uuid(), status: z.enum(['active', 'disabled']) });

export const passwordSchema = z.string().min(12, 'Use at least 12 characters').max(128, 'Use at most 128 characters');

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password'),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The passwords do not match',
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ['newPassword'],
    message: 'Choose a password different from the current one',
  });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

export const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email')
    .pipe(z.email({ message: 'Enter a valid email address' })),
  password: z.string().min(1, 'Enter your password'),
  /** The second step, for an operator with a second factor: 6 digits from the app, or a backup code. */
  code: z.string().trim().max(32, 'That is not a code').optional(),
  callbackUrl: z.string().optional(),
});
export type SignInInput = z.input<typeof signInSchema>;

/** A second-factor code typed anywhere else (step-up, enrolment): 6 digits, or a backup code. */
export const secondFactorCodeSchema = z.object({
  code: z.string().trim().min(1, 'Enter the code').max(32, 'That is not a code'),
});
export type SecondFactorCodeInput = z.input<typeof secondFactorCodeSchema>;
