'use client';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useServerAction } from '@/components/ui/use-server-action';
import { reactivateCompanyAction } from '@/lib/actions/companies/reactivate-company';

/** "Reactivate" on an ended company's page: the company only, after saying so (its people get nothing back). */
export function ReactivateCompany({ companyId, name }: { companyId: number; name: string }) {
  const reactivate = useServerAction(reactivateCompanyAction);
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" disabled={reactivate.pending}>
          Reactivate
        </Button>
      }
      title={`Reactivate ${name}?`}
      description="The company becomes active again, nothing more: its people stay deactivated, with no doors and no cards, until you give them access again on their pages or by import."
      tone="primary"
      confirmLabel="Reactivate the company"
      onConfirm={() => reactivate.run({ companyId })}
    />
  );
}
