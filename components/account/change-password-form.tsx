'use client';

import { useState, useTransition } from 'react';
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
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const form = useLazyForm<ChangePasswordInput>({
    resolver: schemaResolver<ChangePasswordInput, typeof changePasswordSchema>(() =>
      import('@/lib/validation/operators').then((m) => m.changePasswordSchema),
    ),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const { errors } = form;

  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      setMessage(null);
      const result = await changePasswordAction(null, values);
      if (result?.ok !== false) return;
      setMessage(result.message);
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {}))
        if (field in values) form.setError(field as keyof ChangePasswordInput, messages[0]);
    }),
  );

  return (
    <Form {...form.formProps} onSubmit={submit} className="mt-4 flex flex-col gap-4">
      {(message ?? form.problem) && <Notice tone="error">{message ?? form.problem}</Notice>}
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
        <Button type="submit" pending={pending}>
          Change password
        </Button>
      </div>
    </Form>
  );
}
