import type { Metadata } from 'next';
import Link from 'next/link';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { verifySession } from '@/lib/auth/session';
import { portalEnv } from '@/lib/env';
import { signOutEverywhereFormAction } from '@/lib/actions/account/sign-out';
import { Panel } from '@/components/ui/panel';
import { DataTable, Td } from '@/components/ui/table';
import { signInHistory } from '@/lib/data/account';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const operator = await verifySession({ setupPage: 'password' });
  const { methods, signIns } = await signInHistory(operator);
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
      <Panel aria-labelledby="methods-heading" className="mt-6 max-w-lg p-6">
        <h2 id="methods-heading" className="font-semibold">
          How you sign in
        </h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="sign-in-methods">
          {methods.map((m) => (
            <div key={m.name} className="contents">
              <dt className="text-slate-600">{m.name}</dt>
              <dd>
                {m.state}
                {'href' in m && m.href && (
                  <>
                    {' · '}
                    <Link href={m.href} className="font-medium text-sky-800 underline">
                      {m.state === 'Off' ? 'Set up' : 'Manage'}
                    </Link>
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
      </Panel>
      <section aria-labelledby="sign-ins-heading" className="mt-6">
        <h2 id="sign-ins-heading" className="mb-2 font-semibold">
          Last sign-ins
        </h2>
        {signIns.length === 0 ? (
          <p className="text-sm text-slate-700">None recorded yet.</p>
        ) : (
          <DataTable caption="Your last 10 sign-ins" headers={['When', 'What happened', 'How', 'From']}>
            {signIns.map((s) => (
              <tr key={s.id} data-testid="sign-in-row">
                <Td>{s.when}</Td>
                <Td>
                  <span className={s.ok ? 'text-green-800' : 'text-red-700'}>{s.outcome}</span>
                </Td>
                <Td>{s.method}</Td>
                <Td>{s.address}</Td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
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
