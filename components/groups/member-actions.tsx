'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Input } from '@/components/ui/field';
import { Modal } from '@/components/ui/modal';
import { useServerAction } from '@/components/ui/use-server-action';
import { changeGroupMemberEndAction } from '@/lib/actions/groups/change-member-end';
import { removeGroupMemberAction } from '@/lib/actions/groups/remove-member';
import { repairGroupAction } from '@/lib/actions/groups/repair-group';

/** After an action that started a job: the page again, following that job (`?job=`). */
function useFollowJob() {
  const router = useRouter();
  const path = usePathname();
  return (result: { data?: { jobId: string | null } | undefined }) => {
    if (result.data?.jobId) router.replace(`${path}?job=${result.data.jobId}`);
  };
}

/** "Remove" on a membership: says what happens to the doors first. */
export function RemoveMember({
  groupId,
  membershipId,
  member,
  name,
}: {
  groupId: number;
  membershipId: string;
  member: { personId: number } | { companyId: number };
  name: string;
}) {
  const follow = useFollowJob();
  const remove = useServerAction(removeGroupMemberAction, { onSuccess: follow });
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" disabled={remove.pending} aria-label={`Remove ${name}`}>
          Remove
        </Button>
      }
      title={`Remove ${name} from this group?`}
      description="The group’s doors are taken back. A door they also hold another way (given directly, or by another group) stays."
      confirmLabel="Remove from the group"
      onConfirm={() => void remove.run({ groupId, membershipId, ...member })}
    />
  );
}

/** "Repair": gives every member what the group says and Spintly lacks. */
export function RepairGroup({ groupId, count }: { groupId: number; count: number }) {
  const follow = useFollowJob();
  const repair = useServerAction(repairGroupAction, { onSuccess: follow });
  return (
    <Button variant="primary" pending={repair.pending} onClick={() => void repair.run({ groupId })}>
      Repair {count === 1 ? '1 member' : `${count.toLocaleString('en-IN')} members`}
    </Button>
  );
}

/** "Change end" on a membership: a new last day (dd/mm/yyyy), or none; kept on a refusal with the reason beside it. */
export function ChangeMemberEnd({
  groupId,
  membershipId,
  member,
  name,
  until,
}: {
  groupId: number;
  membershipId: string;
  member: { personId: number } | { companyId: number };
  name: string;
  /** The current last day as dd/mm/yyyy, or empty. */
  until: string;
}) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(until);
  const [error, setError] = useState<string | null>(null);
  const change = useServerAction(changeGroupMemberEndAction, {
    onSuccess: () => setOpen(false),
    onError: (result) => {
      setError(result.fieldErrors?.until?.[0] ?? result.message);
      return 'handled';
    },
  });
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={`Change when ${name} leaves`}>
        Change end
      </Button>
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        title={`When does ${name} leave?`}
        description="They keep the group’s doors until the end of this day; empty keeps them until removed."
        className="w-[min(28rem,92vw)]"
      >
        <form
          className="flex flex-col gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            void change.run({ groupId, membershipId, ...member, until: value });
          }}
        >
          <Field id="member-end" label="Last day (optional)" description="dd/mm/yyyy" error={error ?? undefined}>
            <Input
              id="member-end"
              inputMode="numeric"
              autoComplete="off"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-invalid={Boolean(error)}
            />
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" type="button" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={change.pending}>
              Save the end
            </Button>
          </div>
        </form>
      </Modal>
    </>
  );
}
