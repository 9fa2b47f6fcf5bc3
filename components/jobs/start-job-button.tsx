'use client';

import { useState } from 'react';
import { JobProgress, queuedJob } from '@/components/jobs/job-progress';
import { Button } from '@/components/ui/button';
import { useServerAction, type ServerAction } from '@/components/ui/use-server-action';
import type { JobView } from '@/lib/data/jobs';

/**
 * The button that starts a job (an offboarding, a change to everyone matching a filter), then that job's progress in
 * its place. The job runs on the server: the tab can be closed, /jobs shows it.
 */
export function StartJobButton<I>({
  action,
  input,
  label,
  title,
  total,
  variant = 'danger',
}: {
  action: ServerAction<I, { jobId: string }>;
  input: I;
  label: string;
  title: string;
  total: number;
  variant?: 'danger' | 'primary';
}) {
  const [job, setJob] = useState<JobView | null>(null);
  const start = useServerAction(action, {
    refresh: false,
    successMessage: null,
    onSuccess: (result) => {
      if (result.data) setJob(queuedJob(result.data.jobId, title, total));
    },
  });
  if (job) return <JobProgress initial={job} />;
  return (
    <Button variant={variant} pending={start.pending} onClick={() => void start.run(input)}>
      {label}
    </Button>
  );
}
