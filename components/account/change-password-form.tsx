'use client';

import { Button } from '@/components/ui/button';
import { FormField, Input } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { Form } from '@/components/ui/form';
import { changePasswordAction } from '@/lib/actions/account/change-password';
import type { ChangePasswordInput, changePasswordSchema } from '@/lib/validation/operators';
import { schemaResolver } from '@/components/ui/schema-resolver';
import { useLazyForm } from '@/components/ui/use-lazy-form';

const FIELDS = [
  { name: 'currentPassword', label: 'Current password', autoComplete: 'current-password' },
  { name: 'newPassword', label: 'New password', autoComplete: 'new-password', description: 'At least 12 characters.' },
  { name: 'confirmPassword', label: 'Repeat the new password', autoComplete: 'new-password' },
] as const;

export function ChangePasswordForm() {
  const form = useLazyForm<ChangePasswordInput>({
    resolver: schemaResolver<ChangePasswordInput, typeof changePasswordSchema>(() =>
      import('@/lib/validation/operators').then((m) => m.changePasswordSchema),
    ),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const { errors } = form;

  const submit = form.submitTo((values) => changePasswordAction(null, values), {
    fieldName: (field, values) => (field in values ? (field as keyof ChangePasswordInput) : null),
  });

  return (
    <Form {...form.formProps} onSubmit={submit} className="mt-4 flex flex-col gap-4">
      {form.message && <Notice tone="error">{form.message}</Notice>}
      {FIELDS.map((field) => {
        const error = errors[field.name]?.message;
        const description = 'description' in field ? field.description : undefined;
        return (
          <FormField key={field.name} id={field.name} label={field.label} error={error} description={description}>
            {(control) => (
              <Input {...control} type="password" autoComplete={field.autoComplete} {...form.field(field.name)} />
            )}
          </FormField>
        );
      })}
      <div className="flex justify-end">
        <Button type="submit" pending={form.pending}>
          Change password
        </Button>
      </div>
    </Form>
  );
}
