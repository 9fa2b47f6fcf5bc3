'use client';

import { useState } from 'react';
import { JobProgress } from '@/components/jobs/job-progress';
import { Button } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';
import { offboardPeopleAction } from '@/lib/actions/people/offboard-people';
import type { JobView } from '@/lib/data/jobs';

/** "Offboard N people" → the job's progress, here; it goes on if the tab is closed (see /jobs). */
export function OffboardConfirm({ userIds, title }: { userIds: number[]; title: string }) {
  const [job, setJob] = useState<JobView | null>(null);
  const offboard = useServerAction(offboardPeopleAction, {
    refresh: false,
    onSuccess: (result) => {
      const jobId = result.data?.jobId;
      if (jobId)
        setJob({
          id: jobId,
          kind: 'offboard',
          title,
          status: 'queued',
          cancelRequested: false,
          total: userIds.length,
          succeeded: 0,
          unchanged: 0,
          failed: 0,
          finished: 0,
          createdAt: new Date().toISOString(),
          finishedAt: null,
          createdBy: 'you',
        });
    },
  });
  if (job) return <JobProgress initial={job} />;
  const n = userIds.length;
  return (
    <Button variant="danger" pending={offboard.pending} onClick={() => void offboard.run({ userIds })}>
      Offboard {n} {n === 1 ? 'person' : 'people'}
    </Button>
  );
}
