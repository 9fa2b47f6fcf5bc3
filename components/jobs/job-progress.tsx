'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { buttonVariants } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import { cancelJobAction } from '@/lib/actions/jobs/cancel-job';
import type { JobView } from '@/lib/data/jobs';
import { jobIsOver, waitForJob } from './wait-for-job';

const STATUS_TEXT: Record<JobView['status'], string> = {
  queued: 'Waiting to start',
  running: 'Running',
  done: 'Finished',
  cancelled: 'Cancelled',
  failed: 'Stopped',
};

/** A job just started, as its progress bar shows it until the first poll; rows settled at creation count as finished. */
export function queuedJob(
  id: string,
  title: string,
  total: number,
  settled: { unchanged: number; failed: number } = { unchanged: 0, failed: 0 },
): JobView {
  return {
    id,
    kind: '',
    title,
    status: 'queued',
    cancelRequested: false,
    total,
    succeeded: 0,
    ...settled,
    finished: settled.unchanged + settled.failed,
    createdAt: new Date().toISOString(),
    finishedAt: null,
    createdBy: 'you',
  };
}

/**
 * A job's progress bar that updates by itself (every second while it runs): the job runs on the server, so closing
 * the tab does not stop it, and the bar picks up where it stands when the page is opened again.
 */
export function JobProgress({
  initial,
  onOver,
}: {
  initial: JobView;
  /** When it is over (e.g. refresh the page). */ onOver?: () => void;
}) {
  const [job, setJob] = useState(initial);
  const overRef = useRef(onOver);
  useEffect(() => {
    overRef.current = onOver;
  });
  const cancel = useServerAction(cancelJobAction, { refresh: false });
  const over = jobIsOver(job);

  useEffect(() => {
    if (over) return;
    const abort = new AbortController();
    void waitForJob(job.id, setJob, { signal: abort.signal }).then((last) => {
      if (last) overRef.current?.();
      if (last)
        toast.success(
          `${last.title}: ${STATUS_TEXT[last.status].toLowerCase()} — ${last.succeeded} done, ${last.unchanged} unchanged, ${last.failed} failed.`,
        );
    });
    return () => abort.abort();
  }, [job.id, over]);

  const percent = job.total === 0 ? 100 : Math.round((job.finished / job.total) * 100);
  return (
    <section
      aria-labelledby={`job-${job.id}`}
      className="rounded-lg border border-slate-200 bg-white p-4"
      data-testid="job"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`job-${job.id}`} className="font-semibold">
          {job.title}
        </h2>
        <span className="text-sm text-slate-700" data-testid="job-status">
          {job.cancelRequested && !over ? 'Stopping after the items in flight' : STATUS_TEXT[job.status]}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`Progress of ${job.title}`}
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={job.finished}
        aria-valuetext={`${job.finished} of ${job.total}`}
        className="mt-3 h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div className="h-full bg-indigo-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-2 text-sm text-slate-700" aria-live="polite" data-testid="job-counts">
        {job.finished} of {job.total} · {job.succeeded} done · {job.unchanged} unchanged · {job.failed} failed
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        <a href={`/api/jobs/result?id=${job.id}`} className={buttonVariants('secondary')}>
          Download result CSV
        </a>
        {!over && !job.cancelRequested && (
          <Button variant="secondary" pending={cancel.pending} onClick={() => void cancel.run({ jobId: job.id })}>
            Cancel
          </Button>
        )}
      </div>
    </section>
  );
}
