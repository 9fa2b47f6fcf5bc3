'use client';

import { useRouter } from 'next/navigation';
import { JobProgress } from '@/components/jobs/job-progress';
import type { JobView } from '@/lib/data/jobs';

/** A group change's job on the group page; the member states are read again when it is over. */
export function GroupJob({ job }: { job: JobView }) {
  const router = useRouter();
  return <JobProgress initial={job} onOver={() => router.refresh()} />;
}
