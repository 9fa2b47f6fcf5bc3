'use client';

import { useRouter } from 'next/navigation';
import { DoorsBySite } from '@/components/doors/doors-by-site';
import { Button } from '@/components/ui/button';
import { FormField, Input, Select } from '@/components/ui/field';
import { DayInput } from '@/components/ui/day-input';
import { Form } from '@/components/ui/form';
import { Notice } from '@/components/ui/notice';
import { Panel } from '@/components/ui/panel';
import { schemaResolver } from '@/components/ui/schema-resolver';
import { toast } from '@/components/ui/toast';
import { useLazyForm } from '@/components/ui/use-lazy-form';
import { startReviewAction } from '@/lib/actions/reviews/start-review';
import type { StartReviewInput, startReviewSchema } from '@/lib/validation/reviews';

export interface StartReviewOptions {
  sites: { id: number; name: string }[];
  doors: { id: number; name: string; siteId: number }[];
  companies: { id: number; name: string }[];
  reviewers: { id: string; label: string }[];
  defaultDue: string;
}

type Values = {
  name: string;
  scopeKind: 'site' | 'company' | 'doors';
  siteId: string;
  companyId: string;
  doorIds: string[];
  reviewerKind: 'site_admins' | 'company_admins' | 'named';
  operatorIds: string[];
  dueOn: string;
  unreviewed: 'keep' | 'revoke';
};

/**
 * A new access review: what to review (a site, a company's envelope, or chosen doors), who reviews, by when, and what
 * happens to items nobody reviews. Starting reads who can open each door from Spintly and freezes it.
 */
export function StartReviewForm({ options }: { options: StartReviewOptions }) {
  const router = useRouter();
  const form = useLazyForm<Values, StartReviewInput>({
    resolver: schemaResolver<Values, typeof startReviewSchema>(() =>
      import('@/lib/validation/reviews').then((m) => m.startReviewSchema),
    ),
    defaultValues: {
      name: '',
      scopeKind: 'site',
      siteId: String(options.sites[0]?.id ?? ''),
      companyId: '',
      doorIds: [],
      reviewerKind: 'site_admins',
      operatorIds: [],
      dueOn: options.defaultDue,
      unreviewed: 'keep',
    },
  });
  const { errors } = form;
  const scopeKind = form.watch('scopeKind');
  const reviewerKind = form.watch('reviewerKind');
  const submit = form.submitTo((values) => startReviewAction(null, values), {
    onSuccess: (result) => {
      toast.success(result.message ?? 'Review started.');
      router.push(`/reviews/${result.data?.reviewId}`);
    },
  });

  return (
    <Form {...form.formProps} onSubmit={submit} className="flex max-w-3xl flex-col gap-6">
      {form.message && (
        <Notice tone="error" title="Not started">
          {form.message}
        </Notice>
      )}
      <Panel as="fieldset" className="grid gap-4 p-6">
        <legend className="px-1 font-semibold">Review</legend>
        <FormField id="review-name" label="Name" error={errors.name?.message}>
          {(control) => (
            <Input {...control} autoComplete="off" placeholder="Q1 review, Koramangala" {...form.field('name')} />
          )}
        </FormField>
        <FormField id="review-scope" label="What to review" error={errors.scopeKind?.message}>
          {(control) => (
            <Select {...control} {...form.field('scopeKind')}>
              <option value="site">Every door of a site</option>
              <option value="company">A company’s doors (its members only)</option>
              <option value="doors">Chosen doors</option>
            </Select>
          )}
        </FormField>
        {scopeKind === 'site' && (
          <FormField id="review-site" label="Site" error={errors.siteId?.message}>
            {(control) => (
              <Select {...control} {...form.field('siteId')}>
                {options.sites.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
        )}
        {scopeKind === 'company' && (
          <FormField id="review-company" label="Company" error={errors.companyId?.message}>
            {(control) => (
              <Select {...control} {...form.field('companyId')}>
                <option value="">Choose a company</option>
                {options.companies.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
        )}
      </Panel>
      {scopeKind === 'doors' && (
        <Panel as="fieldset" className="p-6" aria-describedby={errors.doorIds ? 'review-doorIds-error' : undefined}>
          <legend className="px-1 font-semibold">Doors</legend>
          <DoorsBySite
            sites={options.sites}
            doors={options.doors}
            checkbox={(doorId) => form.checkbox('doorIds', doorId)}
          />
          {errors.doorIds && (
            <p id="review-doorIds-error" className="mt-2 text-sm text-red-700">
              {errors.doorIds.message}
            </p>
          )}
        </Panel>
      )}
      <Panel as="fieldset" className="grid gap-4 p-6">
        <legend className="px-1 font-semibold">Reviewers and deadline</legend>
        <FormField id="review-reviewers" label="Who reviews" error={errors.reviewerKind?.message}>
          {(control) => (
            <Select {...control} {...form.field('reviewerKind')}>
              <option value="site_admins">The site admins of these doors</option>
              <option value="company_admins">The company’s admins</option>
              <option value="named">Operators I choose</option>
            </Select>
          )}
        </FormField>
        {reviewerKind === 'named' && (
          <fieldset aria-describedby={errors.operatorIds ? 'review-operatorIds-error' : undefined}>
            <legend className="text-sm font-medium">Reviewers</legend>
            <div className="mt-1 grid gap-2 sm:grid-cols-2">
              {options.reviewers.map((r) => (
                <label key={r.id} className="flex items-center gap-2 text-sm">
                  <input {...form.checkbox('operatorIds', r.id)} />
                  {r.label}
                </label>
              ))}
            </div>
            {errors.operatorIds && (
              <p id="review-operatorIds-error" className="mt-2 text-sm text-red-700">
                {errors.operatorIds.message}
              </p>
            )}
          </fieldset>
        )}
        <FormField id="review-due" label="Due on" error={errors.dueOn?.message}>
          {(control) => <DayInput {...control} {...form.field('dueOn')} />}
        </FormField>
        <FormField id="review-unreviewed" label="Items nobody reviews by the close" error={errors.unreviewed?.message}>
          {(control) => (
            <Select {...control} {...form.field('unreviewed')}>
              <option value="keep">Keep their access</option>
              <option value="revoke">Revoke their access</option>
            </Select>
          )}
        </FormField>
      </Panel>
      <div>
        <Button type="submit" pending={form.pending}>
          Start review
        </Button>
        <p className="mt-2 text-sm text-slate-600">
          Starting reads who can open each door now and freezes it: later changes do not move the review.
        </p>
      </div>
    </Form>
  );
}
