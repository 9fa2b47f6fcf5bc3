import type { Metadata } from 'next';
import { JobProgress } from '@/components/jobs/job-progress';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { jobsPage } from '@/lib/data/jobs';
import { portalEnv } from '@/lib/env';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Jobs' };

/** Imports and offboardings: the operator's own (super admins: everyone's), newest first, live while they run. */
export default async function JobsPage() {
  const { jobs, all } = await jobsPage();
  const { display } = portalEnv();
  return (
    <>
      <PageHeader
        title="Jobs"
        description={
          all
            ? 'Imports and offboardings run on the server: they finish with the tab closed. Everyone’s, newest first.'
            : 'Your imports and offboardings run on the server: they finish with the tab closed.'
        }
      />
      {jobs.length === 0 ? (
        <Notice>No jobs yet. Import people or offboard someone from the People page.</Notice>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="Jobs">
          {jobs.map((job) => (
            <li key={job.id}>
              <p className="mb-1 text-xs text-slate-600">
                Started {formatDateTime(job.createdAt, display)} by {job.createdBy}
                {job.finishedAt && ` · finished ${formatDateTime(job.finishedAt, display)}`}
              </p>
              <JobProgress initial={job} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
