'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormField, Input } from '@/components/ui/field';
import { Form } from '@/components/ui/form';
import { Notice } from '@/components/ui/notice';
import { schemaResolver } from '@/components/ui/schema-resolver';
import { useLazyForm } from '@/components/ui/use-lazy-form';
import { useServerAction } from '@/components/ui/use-server-action';
import { confirmSecondFactorAction, renewBackupCodesAction } from '@/lib/actions/account/two-factor';
import type { SecondFactorCodeInput, secondFactorCodeSchema } from '@/lib/validation/operators';
import { BackupCodes } from './backup-codes';

/** The enrolment's last step: the first code from the app; then the backup codes, shown once. */
export function ConfirmSecondFactorForm() {
  const [codes, setCodes] = useState<string[] | null>(null);
  const form = useLazyForm<SecondFactorCodeInput>({
    resolver: schemaResolver<SecondFactorCodeInput, typeof secondFactorCodeSchema>(() =>
      import('@/lib/validation/operators').then((m) => m.secondFactorCodeSchema),
    ),
    defaultValues: { code: '' },
  });
  const submit = form.submitTo((values) => confirmSecondFactorAction(null, values), {
    onSuccess: (result) => setCodes(result.data?.backupCodes ?? []),
    onRefused: () => {
      form.setValue('code', '');
      form.focus('code');
    },
  });
  if (codes)
    return (
      <div className="flex flex-col gap-4" data-testid="second-factor-on">
        <Notice tone="success">Two-factor sign-in is on. From now on you sign in with a code from your app.</Notice>
        <BackupCodes codes={codes} />
        {/* A full load, not a client navigation: the shared layout's menu, hidden while setup was pending, must
            render again (a refresh here would re-render this page and take the codes off the screen). */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a href="/" className="text-sm font-medium text-sky-800 underline">
          I have saved them — continue to the portal
        </a>
      </div>
    );
  return (
    <Form {...form.formProps} onSubmit={submit} className="flex max-w-xs flex-col gap-4">
      {form.message && (
        <Notice tone="error" testId="enrol-error">
          {form.message}
        </Notice>
      )}
      <FormField id="code" label="Code from the app" error={form.errors.code?.message}>
        {(control) => <Input {...control} autoComplete="one-time-code" inputMode="numeric" {...form.field('code')} />}
      </FormField>
      <Button type="submit" pending={form.pending}>
        Turn on two-factor sign-in
      </Button>
    </Form>
  );
}

/** New backup codes (the old ones stop working), after a fresh code. */
export function RenewBackupCodes() {
  const [codes, setCodes] = useState<string[] | null>(null);
  const renew = useServerAction(renewBackupCodesAction, {
    onSuccess: (result) => setCodes(result.data?.backupCodes ?? null),
  });
  return (
    <div className="flex flex-col gap-3">
      {codes && <BackupCodes codes={codes} />}
      <div className="flex items-center gap-4">
        <Button type="button" variant="secondary" pending={renew.pending} onClick={() => void renew.run({})}>
          Make new backup codes
        </Button>
        <Link href="/account" className="text-sm text-slate-700 underline">
          Back to your account
        </Link>
      </div>
    </div>
  );
}
