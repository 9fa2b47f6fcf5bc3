'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from '@/components/ui/toast';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { deletePeopleAction } from '@/lib/actions/people/delete-people';
import { setPeopleActiveAction } from '@/lib/actions/people/set-people-active';

export function PersonActions({ userId, name, active }: { userId: number; name: string; active: boolean }) {
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const run = (work: () => Promise<{ ok: boolean; message?: string }>, then: () => void) =>
    startTransition(async () => {
      const result = await work();
      if (!result.ok) return void toast.error(result.message ?? 'That did not work.');
      toast.success(result.message ?? 'Done.');
      then();
    });
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="secondary" onClick={() => router.push(`/users/${userId}/edit`)}>
        Edit
      </Button>
      {active ? (
        <ConfirmDialog
          trigger={
            <Button variant="secondary" disabled={busy}>
              Deactivate
            </Button>
          }
          title={`Deactivate ${name}?`}
          description="No door opens for them until they are activated again. Their doors and card are kept."
          confirmLabel="Deactivate"
          onConfirm={() =>
            run(
              () => setPeopleActiveAction(null, { userIds: [userId], active: false }),
              () => router.refresh(),
            )
          }
        />
      ) : (
        <ConfirmDialog
          trigger={
            <Button variant="secondary" disabled={busy}>
              Activate
            </Button>
          }
          title={`Activate ${name}?`}
          description="Their doors open for them again."
          tone="primary"
          confirmLabel="Activate"
          onConfirm={() =>
            run(
              () => setPeopleActiveAction(null, { userIds: [userId], active: true }),
              () => router.refresh(),
            )
          }
        />
      )}
      <ConfirmDialog
        trigger={
          <Button variant="danger" disabled={busy}>
            Delete
          </Button>
        }
        title={`Delete ${name}?`}
        description="They are removed from Spintly with their card and door permissions. This cannot be undone."
        confirmLabel="Delete for good"
        onConfirm={() =>
          run(
            () => deletePeopleAction(null, { userIds: [userId] }),
            () => router.push('/users'),
          )
        }
      />
    </div>
  );
}
