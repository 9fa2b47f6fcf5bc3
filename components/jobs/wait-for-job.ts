import type { JobItemView, JobView } from '@/lib/data/jobs';
import { pollJson } from '@/components/ui/poll';

export type JobStatus = JobView & { items?: JobItemView[] };

const OVER: readonly JobView['status'][] = ['done', 'cancelled', 'failed'];
export const jobIsOver = (job: Pick<JobView, 'status'>) => OVER.includes(job.status);

/**
 * Follows a job on the server until it is over, telling `onUpdate` where it stands about once a second; resolves with
 * its last state, or null when `signal` aborts first. A failed poll (a network blip) is simply tried again.
 */
export async function waitForJob(
  id: string,
  onUpdate: (job: JobStatus) => void,
  { signal, items = false }: { signal?: AbortSignal; items?: boolean } = {},
): Promise<JobStatus | null> {
  let last: JobStatus | null = null;
  const over = await pollJson<JobStatus>(
    `/api/jobs/status?id=${encodeURIComponent(id)}${items ? '&items=1' : ''}`,
    (job) => {
      last = job;
      onUpdate(job);
      return jobIsOver(job);
    },
    { intervalMs: 700, signal },
  );
  return over ? last : null;
}
