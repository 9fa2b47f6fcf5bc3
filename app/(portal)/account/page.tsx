import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { verifySession } from '@/lib/auth/session';

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
      <section aria-labelledby="password-heading" className="max-w-lg rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="password-heading" className="font-semibold">
          Change password
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          You will be signed out everywhere and sign in again with the new password.
        </p>
        <ChangePasswordForm />
      </section>
    </>
  );
}
