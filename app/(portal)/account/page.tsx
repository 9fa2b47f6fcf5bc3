import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { verifySession } from '@/lib/auth/session';
import { portalEnv } from '@/lib/env';
import { signOutEverywhereFormAction } from '@/lib/actions/account/sign-out';
import { Panel } from '@/components/ui/panel';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const operator = await verifySession({ passwordChangePage: true });
  return (
    <>
      <PageHeader title="Account" description={`${operator.email} · ${ROLE_LABELS[operator.role]}`} />
      {operator.mustChangePassword && (
        <div className="mb-6 max-w-lg">
          <Notice tone="warning" title="Choose your own password">
            You signed in with a one-time password. Choose a password of your own to start using the portal.
          </Notice>
        </div>
      )}
      <Panel aria-labelledby="password-heading" className="max-w-lg p-6">
        <h2 id="password-heading" className="font-semibold">
          Change password
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          You will be signed out everywhere and sign in again with the new password.
        </p>
        <ChangePasswordForm />
      </Panel>
      <Panel aria-labelledby="sessions-heading" className="mt-6 max-w-lg p-6">
        <h2 id="sessions-heading" className="font-semibold">
          Signed-in devices
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Lost a device, or signed in on a shared computer? End every session of this account, this one included.
          Sessions also end on their own {Math.round(portalEnv().auth.sessionMaxAgeS / 3600)} hours after sign-in.
        </p>
        <form action={signOutEverywhereFormAction} className="mt-4">
          <Button type="submit" variant="secondary">
            Sign out everywhere
          </Button>
        </form>
      </Panel>
    </>
  );
}
