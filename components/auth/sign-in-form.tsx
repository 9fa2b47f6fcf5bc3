'use client';

import { useEffect, useState } from 'react';
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
    defaultValues: { email: '', password: '', code: '', callbackUrl },
  });
  // Two steps for an operator with a second factor: the password, then a code. The first step's fields stay in the
  // form (hidden) and go again with the code: no session exists until both are right.
  const [step, setStep] = useState<'password' | 'code'>('password');
  // "Enter your code" is the next step, not an error: the code field's own description says it.
  const [codeAsked, setCodeAsked] = useState(false);
  const { errors } = form;
  // The page exists to sign in: the cursor starts where the first thing is typed. (React's autoFocus does not apply
  // to server-rendered fields it only hydrates.) Once hydrated: until then the fields are disabled and cannot take it.
  const hydrated = useHydrated();
  const { focus } = form;
  useEffect(() => {
    if (hydrated) focus('email');
  }, [hydrated, focus]);

  // A success redirects. A refusal of the password empties it and puts the cursor back in it; a request for a code,
  // or a code that did not work, moves to (or stays on) the code step with an empty code field.
  const onSubmit = form.submitTo(signInAction, {
    onRefused: (result) => {
      setCodeAsked(result.code === 'second_factor');
      if (result.code === 'second_factor' || result.code === 'code_refused') {
        setStep('code');
        form.setValue('code', '');
        // After the step's field is shown.
        setTimeout(() => form.focus('code'));
        return;
      }
      if (step === 'code') return; // too many attempts: the message says to wait
      form.setValue('password', '');
      form.focus('password');
    },
  });
  const startOver = () => {
    setStep('password');
    form.setValue('code', '');
    form.setValue('password', '');
    setTimeout(() => form.focus('password'));
  };

  return (
    <>
      <Form {...form.formProps} onSubmit={onSubmit} className="mt-6 flex flex-col gap-4">
        {form.message && !codeAsked && (
          <Notice tone="error" testId="sign-in-error">
            {form.message}
          </Notice>
        )}
        <div hidden={step === 'code'} className="flex flex-col gap-4">
          <FormField id="email" label="Email" error={errors.email?.message}>
            {(control) => <Input {...control} type="email" autoComplete="username" {...form.field('email')} />}
          </FormField>
          <FormField id="password" label="Password" error={errors.password?.message}>
            {(control) => (
              <Input {...control} type="password" autoComplete="current-password" {...form.field('password')} />
            )}
          </FormField>
        </div>
        {step === 'code' && (
          <FormField
            id="code"
            label="Two-factor code"
            description="The 6-digit code your authenticator app shows now, or one of your backup codes."
            error={errors.code?.message}
          >
            {(control) => (
              <Input
                {...control}
                autoComplete="one-time-code"
                inputMode="text"
                spellCheck={false}
                {...form.field('code')}
              />
            )}
          </FormField>
        )}
        <Button type="submit" pending={form.pending}>
          {step === 'code' ? 'Verify' : 'Sign in'}
        </Button>
        {step === 'code' && (
          <button type="button" onClick={startOver} className="text-sm text-slate-700 underline">
            Use another account
          </button>
        )}
      </Form>
      {ssoName && step === 'password' && (
        <form action={signInWithSsoAction} className="mt-3">
          <Button type="submit" variant="secondary" className="w-full">
            Sign in with {ssoName}
          </Button>
        </form>
      )}
    </>
  );
}
