'use client';

import { useEffect } from 'react';
import { Button } from '@/components/ui/button';
import { FormField, Input } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { Form, useHydrated } from '@/components/ui/form';
import { signInAction, signInWithSsoAction } from '@/lib/actions/account/sign-in';
import type { SignInInput, signInSchema } from '@/lib/validation/operators';
import { schemaResolver } from '@/components/ui/schema-resolver';
import { useLazyForm } from '@/components/ui/use-lazy-form';

export function SignInForm({
  callbackUrl,
  ssoName,
}: {
  callbackUrl?: string | undefined;
  ssoName?: string | undefined;
}) {
  const form = useLazyForm<SignInInput>({
    resolver: schemaResolver<SignInInput, typeof signInSchema>(() =>
      import('@/lib/validation/operators').then((m) => m.signInSchema),
    ),
    defaultValues: { email: '', password: '', callbackUrl },
  });
  const { errors } = form;
  // The page exists to sign in: the cursor starts where the first thing is typed. (React's autoFocus does not apply
  // to server-rendered fields it only hydrates.) Once hydrated: until then the fields are disabled and cannot take it.
  const hydrated = useHydrated();
  const { focus } = form;
  useEffect(() => {
    if (hydrated) focus('email');
  }, [hydrated, focus]);

  // A success redirects; a refusal empties the password and puts the cursor back in it.
  const onSubmit = form.submitTo(signInAction, {
    onRefused: () => {
      form.setValue('password', '');
      form.focus('password');
    },
  });

  return (
    <>
      <Form {...form.formProps} onSubmit={onSubmit} className="mt-6 flex flex-col gap-4">
        {form.message && (
          <Notice tone="error" testId="sign-in-error">
            {form.message}
          </Notice>
        )}
        <FormField id="email" label="Email" error={errors.email?.message}>
          {(control) => <Input {...control} type="email" autoComplete="username" {...form.field('email')} />}
        </FormField>
        <FormField id="password" label="Password" error={errors.password?.message}>
          {(control) => (
            <Input {...control} type="password" autoComplete="current-password" {...form.field('password')} />
          )}
        </FormField>
        <Button type="submit" pending={form.pending}>
          Sign in
        </Button>
      </Form>
      {ssoName && (
        <form action={signInWithSsoAction} className="mt-3">
          <Button type="submit" variant="secondary" className="w-full">
            Sign in with {ssoName}
          </Button>
        </form>
      )}
    </>
  );
}
