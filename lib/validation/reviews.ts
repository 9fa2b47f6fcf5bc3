/** Access reviews: the schemas shared by the review forms and their actions. */
import { z } from 'zod';
import { formDay } from './day';
import { idList, MAX_IDS } from './ids';
import { safeText } from './text';

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalId = z.preprocess(blank, z.coerce.number().int().positive().optional());

export const REVIEW_SCOPES = ['site', 'company', 'doors'] as const;
export const REVIEWER_KINDS = ['site_admins', 'company_admins', 'named'] as const;
export const REVIEW_DECISIONS = ['keep', 'revoke'] as const;

export const startReviewSchema = z
  .object({
    name: safeText().pipe(z.string().min(1, 'Name the review').max(100, 'Use at most 100 characters')),
    scopeKind: z.enum(REVIEW_SCOPES, { message: 'Choose what to review' }),
    siteId: optionalId,
    companyId: optionalId,
    doorIds: idList,
    reviewerKind: z.enum(REVIEWER_KINDS, { message: 'Choose who reviews' }),
    operatorIds: z.preprocess(
      (value) => (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'string' && v !== ''),
      z.array(z.string().uuid()).max(50),
    ),
    dueOn: formDay('Use a date like 31/12/2026'),
    unreviewed: z.enum(REVIEW_DECISIONS, { message: 'Choose what happens to items nobody reviews' }),
  })
  .superRefine((value, ctx) => {
    const need = (ok: boolean, path: string, message: string) =>
      ok || ctx.addIssue({ code: 'custom', path: [path], message });
    if (value.scopeKind === 'site') need(value.siteId !== undefined, 'siteId', 'Choose a site');
    if (value.scopeKind === 'company') need(value.companyId !== undefined, 'companyId', 'Choose a company');
    if (value.scopeKind === 'doors') need(value.doorIds.length > 0, 'doorIds', 'Choose at least one door');
    if (value.reviewerKind === 'named')
      need(value.operatorIds.length > 0, 'operatorIds', 'Choose at least one reviewer');
    if (value.reviewerKind === 'company_admins')
      need(value.scopeKind === 'company', 'reviewerKind', 'Company admins review a company’s access only');
    if (value.reviewerKind === 'site_admins')
      need(value.scopeKind !== 'company', 'reviewerKind', 'For a company, choose its admins or name the reviewers');
  });
export type StartReviewInput = z.output<typeof startReviewSchema>;

export const decideSchema = z.object({
  reviewId: z.string().uuid(),
  itemIds: z.array(z.coerce.number().int().positive()).min(1, 'Choose at least one item').max(MAX_IDS),
  decision: z.enum(REVIEW_DECISIONS),
  comment: z.preprocess(blank, safeText().pipe(z.string().max(500, 'Use at most 500 characters')).optional()),
});

export const reviewIdSchema = z.object({ reviewId: z.string().uuid() });
