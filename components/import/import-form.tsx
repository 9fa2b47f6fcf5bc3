'use client';

import { useState } from 'react';
import { JobProgress, queuedJob } from '@/components/jobs/job-progress';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { cn } from '@/components/ui/cn';
import type { JobView } from '@/lib/data/jobs';

type Verdict = 'create' | 'update' | 'unchanged' | 'error';
interface Checked {
  rows: { line: number; name: string; verdict: Verdict; reason: string }[];
  counts: Record<Verdict, number>;
  ignored: string[];
}

const VERDICT_TEXT: Record<Verdict, string> = {
  create: 'New',
  update: 'Update',
  unchanged: 'Unchanged',
  error: 'Error',
};
const VERDICT_STYLE: Record<Verdict, string> = {
  create: 'text-green-800',
  update: 'text-indigo-800',
  unchanged: 'text-slate-600',
  error: 'text-red-800',
};
/** Rows listed on screen; the result CSV has every row. */
const SHOWN = 200;

async function post(mode: 'check' | 'import', file: File) {
  const body = new FormData();
  body.set('file', file);
  const response = await fetch(`/api/import?mode=${mode}`, { method: 'POST', body });
  const answer = (await response.json().catch(() => ({}))) as { message?: string };
  if (!response.ok) throw new Error(answer.message ?? 'The import could not be read. Try again.');
  return answer;
}

/**
 * Choose a file → "Check file" (the dry run: each row's verdict, nothing sent) → "Import N people" (a job on the
 * server; its progress shows here and on /jobs). A new file starts over; the file stays chosen after an error.
 */
export function ImportForm() {
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [job, setJob] = useState<JobView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [errorsOnly, setErrorsOnly] = useState(false);

  const run = async (mode: 'check' | 'import') => {
    if (!file) return setError('Choose a CSV file first.');
    setBusy(mode);
    setError(null);
    try {
      const answer = await post(mode, file);
      if (mode === 'check') setChecked(answer as Checked);
      else {
        const { jobId, counts } = answer as { jobId: string; counts: Checked['counts'] };
        const total = counts.create + counts.update + counts.unchanged + counts.error;
        setJob(
          queuedJob(jobId, `Import of ${file.name} (${total} row${total === 1 ? '' : 's'})`, total, {
            unchanged: counts.unchanged,
            failed: counts.error,
          }),
        );
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  if (job) return <JobProgress initial={job} />;
  const toImport = checked ? checked.counts.create + checked.counts.update : 0;
  const rows = checked ? (errorsOnly ? checked.rows.filter((r) => r.verdict === 'error') : checked.rows) : [];
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-col gap-1">
          <label htmlFor="import-file" className="text-sm font-medium text-slate-800">
            CSV file (up to 10 MB, 10,000 rows)
          </label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            className="text-sm"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setChecked(null);
              setError(null);
            }}
          />
        </div>
        <Button
          variant="secondary"
          pending={busy === 'check'}
          disabled={!file || busy !== null}
          onClick={() => void run('check')}
        >
          Check file
        </Button>
        {checked && toImport > 0 && (
          <Button pending={busy === 'import'} disabled={busy !== null} onClick={() => void run('import')}>
            Import {toImport} {toImport === 1 ? 'person' : 'people'}
          </Button>
        )}
      </div>
      {error && (
        <Notice tone="error" title="Not imported" testId="import-error">
          {error}
        </Notice>
      )}
      {checked && (
        <section aria-labelledby="check-heading" className="flex flex-col gap-3">
          <h2 id="check-heading" className="font-semibold">
            What the import will do
          </h2>
          <p className="text-sm" data-testid="import-counts" aria-live="polite">
            {checked.counts.create} new · {checked.counts.update} to update · {checked.counts.unchanged} unchanged ·{' '}
            {checked.counts.error} with errors (skipped)
          </p>
          {checked.ignored.length > 0 && (
            <Notice tone="warning">Columns not read: {checked.ignored.join(', ')}.</Notice>
          )}
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={errorsOnly} onChange={(e) => setErrorsOnly(e.target.checked)} />
            Show errors only
          </label>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="stacked w-full text-left text-sm">
              <caption className="sr-only">Rows of the file and what happens to each</caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Line
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Name
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Result
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Why
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.slice(0, SHOWN).map((row) => (
                  <tr key={row.line} data-testid="import-row" data-verdict={row.verdict}>
                    <td className="px-4 py-2 tabular-nums" data-label="Line">
                      {row.line}
                    </td>
                    <td className="px-4 py-2" data-label="Name">
                      {row.name || '—'}
                    </td>
                    <td className={cn('px-4 py-2 font-medium', VERDICT_STYLE[row.verdict])} data-label="Result">
                      {VERDICT_TEXT[row.verdict]}
                    </td>
                    <td className="px-4 py-2" data-label="Why">
                      {row.reason || '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length > SHOWN && (
            <p className="text-sm text-slate-600">
              {rows.length - SHOWN} more rows not listed here; the result CSV after the import has every row.
            </p>
          )}
        </section>
      )}
    </div>
  );
}
