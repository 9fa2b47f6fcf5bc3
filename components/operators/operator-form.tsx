'use client';

import { Button } from '@/components/ui/button';
import { Field, FormField, Input, Select } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { Form } from '@/components/ui/form';
import { schemaResolver } from '@/components/ui/schema-resolver';
import { useLazyForm } from '@/components/ui/use-lazy-form';
import type { ActionResult } from '@/lib/actions/safe-action';
import { OPERATOR_ROLES } from '@/lib/validation/operator-roles';
import type { CreateOperatorOutput, createOperatorSchema } from '@/lib/validation/operators';
import { ROLE_LABELS, type OperatorRole } from '@/lib/auth/permissions';
import type { SiteOption } from '@/lib/data/sites';

export interface OperatorFormValues {
  email: string;
  name: string;
  role: OperatorRole;
  siteIds: string[];
  companyIds: string[];
}

/**
 * Create an operator, or (with `fixedEmail`) change one's role and sites. Uses the action's own zod schema in the
 * browser, and keeps everything typed when the server refuses.
 */
export function OperatorForm({
  sites,
  companies,
  initial,
  fixedEmail,
  submitLabel,
  onSubmit,
}: {
  sites: SiteOption[];
  companies: { id: number; name: string }[];
  initial?: Partial<OperatorFormValues>;
  fixedEmail?: string;
  submitLabel: string;
  onSubmit: (values: CreateOperatorOutput) => Promise<ActionResult<unknown>>;
}) {
  const form = useLazyForm<OperatorFormValues, CreateOperatorOutput>({
    resolver: schemaResolver<OperatorFormValues, typeof createOperatorSchema>(() =>
      import('@/lib/validation/operators').then((m) => m.createOperatorSchema),
    ),
    defaultValues: { email: fixedEmail ?? '', name: '', role: 'site_admin', siteIds: [], companyIds: [], ...initial },
  });
  const { errors } = form;
  const role = form.watch('role');

  const submit = form.submitTo(onSubmit, {
    fieldName: (field, values) => (field in values ? (field as keyof OperatorFormValues) : null),
  });

  return (
    <Form {...form.formProps} onSubmit={submit} className="flex flex-col gap-4">
      {form.message && <Notice tone="error">{form.message}</Notice>}
      {!fixedEmail && (
        <>
          <FormField id="op-email" label="Email" error={errors.email?.message}>
            {(control) => <Input {...control} type="email" autoComplete="off" {...form.field('email')} />}
          </FormField>
          <FormField id="op-name" label="Name" error={errors.name?.message}>
            {(control) => <Input {...control} autoComplete="off" {...form.field('name')} />}
          </FormField>
        </>
      )}
      <Field id="op-role" label="Role" error={errors.role?.message}>
        <Select id="op-role" {...form.field('role')}>
          {OPERATOR_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </Select>
      </Field>
      {role === 'company_admin' && (
        <fieldset aria-describedby={errors.companyIds ? 'op-companies-error' : undefined}>
          <legend className="text-sm font-medium text-slate-800">Companies</legend>
          {companies.length === 0 && (
            <p className="text-sm text-slate-600">No companies yet: add one on the Companies page first.</p>
          )}
          <div className="mt-1 grid gap-1">
            {companies.map((company) => (
              <label key={company.id} className="flex items-center gap-2 text-sm">
                <input {...form.checkbox('companyIds', String(company.id))} />
                {company.name}
              </label>
            ))}
          </div>
          {errors.companyIds && (
            <p id="op-companies-error" className="mt-1 text-sm text-red-700">
              {errors.companyIds.message}
            </p>
          )}
        </fieldset>
      )}
      {role !== 'super_admin' && role !== 'company_admin' && (
        <fieldset aria-describedby={errors.siteIds ? 'op-sites-error' : undefined}>
          <legend className="text-sm font-medium text-slate-800">Sites</legend>
          {sites.length === 0 && <p className="text-sm text-slate-600">No sites could be loaded from Spintly.</p>}
          <div className="mt-1 grid gap-1">
            {sites.map((site) => (
              <label key={site.id} className="flex items-center gap-2 text-sm">
                <input {...form.checkbox('siteIds', String(site.id))} />
                {site.name}
              </label>
            ))}
          </div>
          {errors.siteIds && (
            <p id="op-sites-error" className="mt-1 text-sm text-red-700">
              {errors.siteIds.message}
            </p>
          )}
        </fieldset>
      )}
      <div className="flex justify-end">
        <Button type="submit" pending={form.pending}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}
