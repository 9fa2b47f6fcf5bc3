'use client';

import { usePathname, useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useServerAction } from '@/components/ui/use-server-action';
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
