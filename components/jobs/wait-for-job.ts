import type { JobItemView, JobView } from '@/lib/data/jobs';

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
  const url = `/api/jobs/status?id=${encodeURIComponent(id)}${items ? '&items=1' : ''}`;
  while (!signal?.aborted) {
    await new Promise((resolve) => setTimeout(resolve, 700));
    if (signal?.aborted) break;
    try {
      const response = await fetch(url, { cache: 'no-store', signal });
      if (!response.ok) continue;
      const job = (await response.json()) as JobStatus;
      if (signal?.aborted) break;
      onUpdate(job);
      if (jobIsOver(job)) return job;
    } catch {
      // the next poll tries again
    }
  }
  return null;
}
