'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useServerAction } from '@/components/ui/use-server-action';
import { deletePeopleAction } from '@/lib/actions/people/delete-people';
import { setPeopleActiveAction } from '@/lib/actions/people/set-people-active';

export function PersonActions({ userId, name, active }: { userId: number; name: string; active: boolean }) {
  const router = useRouter();
  const setActive = useServerAction(setPeopleActiveAction);
  // After a delete the person's page is gone: go to the list instead of refreshing it.
  const remove = useServerAction(deletePeopleAction, { refresh: false, onSuccess: () => router.push('/users') });
  const busy = setActive.pending || remove.pending;
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
          onConfirm={() => setActive.run({ userIds: [userId], active: false })}
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
          onConfirm={() => setActive.run({ userIds: [userId], active: true })}
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
        onConfirm={() => remove.run({ userIds: [userId] })}
      />
    </div>
  );
}
