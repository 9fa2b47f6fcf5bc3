'use client';

import { useRouter } from 'next/navigation';
import { toast } from '@/components/ui/toast';
import { Button } from '@/components/ui/button';
import { Field, FormField, Input, Select } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { Form } from '@/components/ui/form';
import { createPersonAction } from '@/lib/actions/people/create-person';
import { updatePersonAction } from '@/lib/actions/people/update-person';
import { ACCESS_MODES, NEW_PERSON_ACCESS } from '@/lib/validation/access-modes';
import type { PersonFormValues, PersonInput, createPersonSchema, updatePersonSchema } from '@/lib/validation/people';
import { Panel } from '@/components/ui/panel';
import { schemaResolver } from '@/components/ui/schema-resolver';
import { useLazyForm } from '@/components/ui/use-lazy-form';

interface Options {
  roles: { id: number; name: string }[];
  sites: { id: number; name: string }[];
  doors: { id: number; name: string; siteId: number }[];
  companies: { id: number; name: string }[];
  /** A company admin's people always belong to one of their companies. */
  companyRequired: boolean;
}

const TEXT_FIELDS = [
  { name: 'name', label: 'Name', autoComplete: 'off', type: 'text' },
  { name: 'email', label: 'Email', autoComplete: 'off', type: 'email' },
  {
    name: 'phone',
    label: 'Phone',
    autoComplete: 'off',
    type: 'tel',
    description: 'With country code, e.g. +91 98450 12345',
  },
  { name: 'employeeCode', label: 'Employee code', autoComplete: 'off', type: 'text' },
] as const;

/**
 * Add or edit a person. The same zod schema checks the form here and the input in the server action; when Spintly
 * refuses, every field keeps what was typed and the reason appears beside the field it concerns.
 */
export function PersonForm({
  options,
  initial,
  userId,
}: {
  options: Options;
  initial?: Partial<PersonFormValues>;
  userId?: number;
}) {
  const router = useRouter();
  const editing = userId !== undefined;
  const form = useLazyForm<PersonFormValues, PersonInput>({
    resolver: schemaResolver<PersonFormValues, typeof createPersonSchema | typeof updatePersonSchema>(() =>
      import('@/lib/validation/people').then((m) => (editing ? m.updatePersonSchema : m.createPersonSchema)),
    ),
    defaultValues: {
      name: '',
      email: '',
      phone: '',
      employeeCode: '',
      roleIds: options.roles[0] ? [String(options.roles[0].id)] : [],
      homeSiteId: options.sites.length === 1 ? String(options.sites[0]!.id) : '',
      access: { ...NEW_PERSON_ACCESS, clickToAccessRange: String(NEW_PERSON_ACCESS.clickToAccessRange) },
      accessExpiresOn: '',
      doorIds: [],
      companyId: options.companies.length === 1 && options.companyRequired ? String(options.companies[0]!.id) : '',
      ...initial,
      ...(editing && { userId: String(userId) }),
    },
  });
  const { errors } = form;
  const homeSiteId = form.watch('homeSiteId');

  const submit = form.submitTo(
    (values) => (editing ? updatePersonAction(null, { ...values, userId }) : createPersonAction(null, values)),
    {
      onSuccess: (result) => {
        toast.success(result.message ?? 'Saved.');
        router.push(`/users/${result.data?.userId ?? userId}`);
      },
      fieldName: (field) => (field === 'credentialId' ? 'root' : (field as keyof PersonFormValues)),
    },
  );

  const siteDoors = options.doors.filter((d) => String(d.siteId) === homeSiteId);
  return (
    <Form {...form.formProps} onSubmit={submit} className="flex max-w-3xl flex-col gap-6">
      {form.message && (
        <Notice tone="error" title="Not saved">
          {form.message}
        </Notice>
      )}
      <Panel as="fieldset" className="grid gap-4 p-6 sm:grid-cols-2">
        <legend className="px-1 font-semibold">Details</legend>
        {TEXT_FIELDS.map((field) => {
          const error = errors[field.name]?.message;
          const description = 'description' in field ? field.description : undefined;
          return (
            <FormField
              key={field.name}
              id={`person-${field.name}`}
              label={field.label}
              error={error}
              description={description}
            >
              {(control) => (
                <Input {...control} type={field.type} autoComplete={field.autoComplete} {...form.field(field.name)} />
              )}
            </FormField>
          );
        })}
        <FormField id="person-home" label="Home site" error={errors.homeSiteId?.message}>
          {(control) => (
            <Select {...control} {...form.field('homeSiteId')}>
              <option value="">Choose a site</option>
              {options.sites.map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {s.name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        {options.companies.length > 0 && (
          <FormField
            id="person-company"
            label={options.companyRequired ? 'Company' : 'Company (optional)'}
            error={errors.companyId?.message}
          >
            {(control) => (
              <Select {...control} {...form.field('companyId')}>
                <option value="">{options.companyRequired ? 'Choose the company' : 'None, or as it is'}</option>
                {options.companies.map((c) => (
                  <option key={c.id} value={String(c.id)}>
                    {c.name}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
        )}
        <FormField
          id="person-expiry"
          label="Access expires on"
          error={errors.accessExpiresOn?.message}
          description="As dd/mm/yyyy; leave empty for no expiry."
        >
          {(control) => (
            <Input
              {...control}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              placeholder="dd/mm/yyyy"
              {...form.field('accessExpiresOn')}
            />
          )}
        </FormField>
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium text-slate-800">Spintly roles</legend>
          <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
            {options.roles.map((r) => (
              <label key={r.id} className="flex items-center gap-2 text-sm">
                <input {...form.checkbox('roleIds', String(r.id))} />
                {r.name}
              </label>
            ))}
          </div>
          {errors.roleIds && <p className="mt-1 text-sm text-red-700">{errors.roleIds.message}</p>}
        </fieldset>
      </Panel>

      <Panel as="fieldset" className="grid gap-2 p-6 sm:grid-cols-2">
        <legend className="px-1 font-semibold">How they open doors</legend>
        {ACCESS_MODES.map((mode) => (
          <label key={mode.key} className="flex items-center gap-2 text-sm">
            <input {...form.checkbox(`access.${mode.key}`)} />
            {mode.label}
          </label>
        ))}
        <div className="sm:col-span-2 sm:max-w-xs">
          <Field
            id="person-range"
            label="Click-to-access range (metres)"
            error={errors.access?.clickToAccessRange?.message}
          >
            <Input id="person-range" type="number" min={0} max={10} {...form.field('access.clickToAccessRange')} />
          </Field>
        </div>
      </Panel>

      {!editing && (
        <Panel as="fieldset" className="p-6">
          <legend className="px-1 font-semibold">First doors</legend>
          {homeSiteId ? (
            siteDoors.length === 0 ? (
              <p className="text-sm text-slate-600">This site has no doors.</p>
            ) : (
              <div className="grid gap-1 sm:grid-cols-3">
                {siteDoors.map((d) => (
                  <label key={d.id} className="flex items-center gap-2 text-sm">
                    <input {...form.checkbox('doorIds', String(d.id))} />
                    {d.name}
                  </label>
                ))}
              </div>
            )
          ) : (
            <p className="text-sm text-slate-600">Choose a home site to see its doors.</p>
          )}
        </Panel>
      )}

      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={() => router.back()}>
          Cancel
        </Button>
        <Button type="submit" pending={form.pending}>
          {editing ? 'Save changes' : 'Add person'}
        </Button>
      </div>
    </Form>
  );
}
