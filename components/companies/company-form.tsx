'use client';

import { useRouter } from 'next/navigation';
import { DoorsBySite } from '@/components/doors/doors-by-site';
import { Button } from '@/components/ui/button';
import { FormField, Input, Select } from '@/components/ui/field';
import { Form } from '@/components/ui/form';
import { Notice } from '@/components/ui/notice';
import { Panel } from '@/components/ui/panel';
import { schemaResolver } from '@/components/ui/schema-resolver';
import { toast } from '@/components/ui/toast';
import { useLazyForm } from '@/components/ui/use-lazy-form';
import { createCompanyAction } from '@/lib/actions/companies/create-company';
import { updateCompanyAction } from '@/lib/actions/companies/update-company';
import type { CompanyFormValues, CompanyInput, createCompanySchema } from '@/lib/validation/companies';

export interface CompanyFormOptions {
  sites: { id: number; name: string }[];
  doors: { id: number; name: string; siteId: number }[];
  terms: { id: number; label: string; takenBy: number | null }[];
}

const CONTACT = [
  { name: 'contactName', label: 'Contact name', type: 'text', autoComplete: 'off' },
  { name: 'contactEmail', label: 'Contact email', type: 'email', autoComplete: 'off' },
  { name: 'contactPhone', label: 'Contact phone', type: 'tel', autoComplete: 'off' },
] as const;

/**
 * A company's details, sites, door envelope (the doors its people may be given), dates and optional Spintly value.
 * The same zod schema checks it here and in the action; a refusal keeps everything typed.
 */
export function CompanyForm({
  options,
  defaults,
  companyId,
}: {
  options: CompanyFormOptions;
  defaults: CompanyFormValues;
  /** Editing this company; absent for a new one. */
  companyId?: number;
}) {
  const router = useRouter();
  const form = useLazyForm<CompanyFormValues, CompanyInput>({
    resolver: schemaResolver<CompanyFormValues, typeof createCompanySchema>(() =>
      import('@/lib/validation/companies').then((m) => m.createCompanySchema),
    ),
    defaultValues: defaults,
  });
  const { errors } = form;
  const submit = form.submitTo(
    (values) =>
      companyId === undefined ? createCompanyAction(null, values) : updateCompanyAction(null, { ...values, companyId }),
    {
      onSuccess: (result) => {
        toast.success(result.message ?? 'Company saved.');
        router.push(`/companies/${result.data?.companyId ?? companyId}`);
      },
    },
  );
  const groupError = (name: 'siteIds' | 'doorIds') =>
    errors[name] && (
      <p id={`company-${name}-error`} className="mt-2 text-sm text-red-700">
        {errors[name]?.message}
      </p>
    );

  return (
    <Form {...form.formProps} onSubmit={submit} className="flex max-w-3xl flex-col gap-6">
      {form.message && (
        <Notice tone="error" title="Not saved">
          {form.message}
        </Notice>
      )}
      <Panel as="fieldset" className="grid gap-4 p-6 sm:grid-cols-2">
        <legend className="px-1 font-semibold">Company</legend>
        <FormField id="company-name" label="Name" error={errors.name?.message}>
          {(control) => <Input {...control} autoComplete="off" {...form.field('name')} />}
        </FormField>
        <FormField
          id="company-term"
          label="Spintly value (optional)"
          error={errors.termId?.message}
          description="People holding it in Spintly become members, now and at every sync."
        >
          {(control) => (
            <Select {...control} {...form.field('termId')}>
              <option value="">None: members are kept in the portal</option>
              {options.terms.map((term) => (
                <option key={term.id} value={term.id} disabled={term.takenBy !== null && term.takenBy !== companyId}>
                  {term.label}
                  {term.takenBy !== null && term.takenBy !== companyId ? ' (another company’s)' : ''}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField id="company-from" label="Access from" error={errors.validFrom?.message} description="dd/mm/yyyy">
          {(control) => <Input {...control} inputMode="numeric" autoComplete="off" {...form.field('validFrom')} />}
        </FormField>
        <FormField
          id="company-until"
          label="Access until (optional)"
          error={errors.validUntil?.message}
          description="dd/mm/yyyy; every member loses access at the end of this day."
        >
          {(control) => <Input {...control} inputMode="numeric" autoComplete="off" {...form.field('validUntil')} />}
        </FormField>
      </Panel>
      <Panel as="fieldset" className="p-6" aria-describedby={errors.siteIds ? 'company-siteIds-error' : undefined}>
        <legend className="px-1 font-semibold">Sites</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {options.sites.map((site) => (
            <label key={site.id} className="flex items-center gap-2 text-sm">
              <input {...form.checkbox('siteIds', String(site.id))} />
              {site.name}
            </label>
          ))}
        </div>
        {groupError('siteIds')}
      </Panel>
      <Panel as="fieldset" className="p-6" aria-describedby={errors.doorIds ? 'company-doorIds-error' : undefined}>
        <legend className="px-1 font-semibold">Door envelope</legend>
        <p className="mb-3 text-sm text-slate-700">
          The doors this company’s people may be given: the site’s common doors and the company’s own.
        </p>
        <DoorsBySite
          sites={options.sites}
          doors={options.doors}
          checkbox={(doorId) => form.checkbox('doorIds', doorId)}
        />
        {groupError('doorIds')}
      </Panel>
      <Panel as="fieldset" className="grid gap-4 p-6 sm:grid-cols-3">
        <legend className="px-1 font-semibold">Contact</legend>
        {CONTACT.map((field) => (
          <FormField
            key={field.name}
            id={`company-${field.name}`}
            label={field.label}
            error={errors[field.name]?.message}
          >
            {(control) => (
              <Input {...control} type={field.type} autoComplete={field.autoComplete} {...form.field(field.name)} />
            )}
          </FormField>
        ))}
        <div className="sm:col-span-3">
          <FormField id="company-notes" label="Notes (optional)" error={errors.notes?.message}>
            {(control) => <Input {...control} autoComplete="off" {...form.field('notes')} />}
          </FormField>
        </div>
      </Panel>
      <div>
        <Button type="submit" pending={form.pending}>
          {companyId === undefined ? 'Add company' : 'Save company'}
        </Button>
      </div>
    </Form>
  );
}
