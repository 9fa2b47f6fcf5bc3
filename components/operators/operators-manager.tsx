'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import { toast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { Notice } from '@/components/ui/notice';
import { DataTable } from '@/components/ui/table';
import { createOperatorAction } from '@/lib/actions/operators/create-operator';
import { resetOperatorPasswordAction } from '@/lib/actions/operators/reset-operator-password';
import { resetSecondFactorAction } from '@/lib/actions/operators/reset-second-factor';
import { setOperatorStatusAction } from '@/lib/actions/operators/set-operator-status';
import { updateOperatorAccessAction } from '@/lib/actions/operators/update-operator-access';
import type { OperatorRow } from '@/lib/data/operators';
import type { SiteOption } from '@/lib/data/sites';

// The form (react-hook-form + zod) loads when a dialog first opens, not with the list.
const OperatorForm = dynamic(() => import('./operator-form').then((m) => m.OperatorForm), {
  loading: () => (
    <p role="status" className="text-sm text-slate-600">
      Loading the form…
    </p>
  ),
});

type Secret = { email: string; oneTimePassword: string } | null;

export function OperatorsManager({
  rows,
  sites,
  companies,
  inviteFor,
}: {
  rows: OperatorRow[];
  sites: SiteOption[];
  companies: { id: number; name: string }[];
  /** A company whose page asked to add an admin: the form opens at once, for that company. */
  inviteFor?: number | undefined;
}) {
  const [creating, setCreating] = useState(inviteFor !== undefined);
  const [editing, setEditing] = useState<OperatorRow | null>(null);
  const [secret, setSecret] = useState<Secret>(null);
  // The actions revalidate /operators themselves; the new one-time password is shown in its own dialog.
  const setStatus = useServerAction(setOperatorStatusAction, { refresh: false });
  const resetPassword = useServerAction(resetOperatorPasswordAction, {
    refresh: false,
    successMessage: null,
    onSuccess: (result) => setSecret((result.data as Secret) ?? null),
  });
  const resetSecondFactor = useServerAction(resetSecondFactorAction, { refresh: false });
  const pending = setStatus.pending || resetPassword.pending || resetSecondFactor.pending;

  return (
    <>
      <div className="mb-4 flex justify-end">
        <Button onClick={() => setCreating(true)}>Add operator</Button>
      </div>
      <DataTable
        caption="Operators"
        headers={[
          'Operator',
          'Role',
          'Sites',
          'Status',
          <span key="a" className="sr-only">
            Actions
          </span>,
        ]}
      >
        {rows.map((row) => (
          <tr key={row.id} data-testid={`operator-${row.email}`}>
            <td className="px-4 py-3">
              <div className="font-medium">
                {row.name}
                {row.isYou && <span className="text-slate-500"> (you)</span>}
              </div>
              <div className="text-slate-600">{row.email}</div>
            </td>
            <td className="px-4 py-3">{row.roleLabel}</td>
            <td className="px-4 py-3">{row.siteNames.join(', ') || '—'}</td>
            <td className="px-4 py-3">
              {row.status === 'active' ? (
                row.mustChangePassword ? (
                  'Active · one-time password'
                ) : (
                  'Active'
                )
              ) : (
                <span className="text-red-700">Disabled</span>
              )}
              <div className="text-slate-600" data-testid="operator-2fa">
                {row.secondFactorSince ? `Two-factor since ${row.secondFactorSince}` : 'No two-factor'}
              </div>
            </td>
            <td className="px-4 py-3">
              <div className="flex flex-wrap justify-end gap-1">
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => setEditing(row)}
                  aria-label={`Change role and sites of ${row.email}`}
                >
                  Role &amp; sites
                </Button>
                <ConfirmDialog
                  trigger={
                    <Button
                      variant="secondary"
                      size="sm"
                      disabled={pending}
                      aria-label={`Reset password of ${row.email}`}
                    >
                      Reset password
                    </Button>
                  }
                  title={`Reset the password of ${row.email}?`}
                  description="They are signed out everywhere and must sign in with a new one-time password, then choose their own."
                  confirmLabel="Reset password"
                  onConfirm={() => resetPassword.run({ operatorId: row.id })}
                />
                {!row.isYou && row.secondFactorSince && (
                  <ConfirmDialog
                    trigger={
                      <Button
                        variant="secondary"
                        size="sm"
                        disabled={pending}
                        aria-label={`Reset two-factor sign-in of ${row.email}`}
                      >
                        Reset 2FA
                      </Button>
                    }
                    title={`Reset the two-factor sign-in of ${row.email}?`}
                    description="For a lost phone. Their app's codes and backup codes stop working, they are signed out everywhere, and they set up two-factor sign-in again at their next sign-in."
                    confirmLabel="Reset two-factor sign-in"
                    onConfirm={() => resetSecondFactor.run({ operatorId: row.id })}
                  />
                )}
                {!row.isYou &&
                  (row.status === 'active' ? (
                    <ConfirmDialog
                      trigger={
                        <Button variant="danger" size="sm" disabled={pending} aria-label={`Disable ${row.email}`}>
                          Disable
                        </Button>
                      }
                      title={`Disable ${row.email}?`}
                      description="They lose access at once, including any page they have open. You can enable them again later."
                      confirmLabel="Disable operator"
                      onConfirm={() => setStatus.run({ operatorId: row.id, status: 'disabled' })}
                    />
                  ) : (
                    <Button
                      variant="secondary"
                      size="sm"
                      disabled={pending}
                      aria-label={`Enable ${row.email}`}
                      onClick={() => setStatus.run({ operatorId: row.id, status: 'active' })}
                    >
                      Enable
                    </Button>
                  ))}
              </div>
            </td>
          </tr>
        ))}
      </DataTable>

      <Dialog
        open={creating}
        onOpenChange={setCreating}
        title="Add operator"
        description="They get a one-time password and choose their own at first sign-in."
      >
        <OperatorForm
          sites={sites}
          companies={companies}
          initial={inviteFor === undefined ? undefined : { role: 'company_admin', companyIds: [String(inviteFor)] }}
          submitLabel="Add operator"
          onSubmit={async (values) => {
            const result = await createOperatorAction(null, values);
            if (result.ok && result.data) {
              setCreating(false);
              setSecret(result.data);
              toast.success(result.message ?? 'Operator added.');
            }
            return result;
          }}
        />
      </Dialog>

      <Dialog
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        title={`Role and sites of ${editing?.email ?? ''}`}
      >
        {editing && (
          <OperatorForm
            sites={sites}
            companies={companies}
            fixedEmail={editing.email}
            initial={{
              name: editing.name,
              role: editing.role,
              siteIds: editing.siteIds.map(String),
              companyIds: editing.companyIds.map(String),
            }}
            submitLabel="Save"
            onSubmit={async (values) => {
              const result = await updateOperatorAccessAction(null, {
                operatorId: editing.id,
                role: values.role,
                siteIds: values.siteIds,
                companyIds: values.companyIds,
              });
              if (result.ok) {
                setEditing(null);
                toast.success(result.message ?? 'Saved.');
              }
              return result;
            }}
          />
        )}
      </Dialog>

      <Dialog
        open={secret !== null}
        onOpenChange={(open) => !open && setSecret(null)}
        title="One-time password"
        description="Shown once. Give it to the operator in person or over a channel you trust."
      >
        {secret && (
          <div className="flex flex-col gap-4">
            <Notice tone="info" title={secret.email}>
              <code data-testid="one-time-password" className="text-base font-semibold tracking-wide">
                {secret.oneTimePassword}
              </code>
            </Notice>
            <div className="flex justify-end">
              <Button onClick={() => setSecret(null)}>Done</Button>
            </div>
          </div>
        )}
      </Dialog>
    </>
  );
}
