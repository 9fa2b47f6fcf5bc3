import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { buttonVariants } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { DataTable, Td } from '@/components/ui/table';
import { verifySession } from '@/lib/auth/session';
import { siteOptionsFor } from '@/lib/data/sites';
import { REPORT_NAMES, REPORTS, mayRun, reportParamsSchema, runReport } from '@/lib/reports';

export const metadata: Metadata = { title: 'Report' };

/** Shown on the page; the CSV has every row. */
const SHOWN = 500;

/** `/reports/[report]?site=&days=&from=&to=`: one report of the auditor's pack, with its CSV. */
export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ report: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const operator = await verifySession({ capability: 'reports:read' });
  const name = z.enum(REPORT_NAMES).safeParse((await params).report);
  if (!name.success || !mayRun(operator, name.data)) notFound();
  const raw = await searchParams;
  const parsed = reportParamsSchema.safeParse(raw);
  const query = parsed.success ? parsed.data : reportParamsSchema.parse({});
  const spec = REPORTS[name.data];
  const sites = spec.site ? await siteOptionsFor(operator) : [];
  const chosen = spec.site ? (query.site ?? sites[0]?.id) : undefined;
  const report =
    !spec.site || chosen !== undefined ? await runReport(operator, name.data, { ...query, site: chosen }) : null;
  if (spec.site && chosen !== undefined && !report) notFound();
  const csv = new URLSearchParams({ report: name.data });
  for (const [key, value] of Object.entries({ ...query, site: chosen }))
    if (value !== undefined) csv.set(key, String(value));

  return (
    <>
      <Breadcrumbs trail={[{ href: '/reports', label: 'Reports' }]} current={spec.title} />
      <PageHeader
        title={spec.title}
        description={spec.description}
        actions={
          report && (
            <a href={`/api/reports/export?${csv.toString()}`} className={buttonVariants('secondary')} download>
              Download CSV
            </a>
          )
        }
      />
      {spec.site && (
        <form className="mb-4 flex flex-wrap items-end gap-3 text-sm" action={`/reports/${name.data}`}>
          <label className="flex flex-col gap-1 font-medium">
            Site
            <select name="site" defaultValue={chosen} className="rounded-md border border-slate-300 px-2 py-1">
              {sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          {name.data === 'unused' && (
            <label className="flex flex-col gap-1 font-medium">
              Not used for (days)
              <input
                name="days"
                type="number"
                min={1}
                max={3650}
                defaultValue={query.days}
                className="w-28 rounded-md border border-slate-300 px-2 py-1"
              />
            </label>
          )}
          {name.data === 'visitors' && (
            <>
              <label className="flex flex-col gap-1 font-medium">
                From (yyyy-mm-dd)
                <input
                  name="from"
                  defaultValue={query.from ?? ''}
                  className="rounded-md border border-slate-300 px-2 py-1"
                />
              </label>
              <label className="flex flex-col gap-1 font-medium">
                To (yyyy-mm-dd)
                <input
                  name="to"
                  defaultValue={query.to ?? ''}
                  className="rounded-md border border-slate-300 px-2 py-1"
                />
              </label>
            </>
          )}
          <button type="submit" className={buttonVariants('primary')}>
            Show
          </button>
        </form>
      )}
      {!report ? (
        <p className="text-sm text-slate-700">You have no sites to report on.</p>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-700" data-testid="report-count">
            {report.rows.length} {report.rows.length === 1 ? 'row' : 'rows'} · {report.about}
            {report.rows.length > SHOWN && ` · the first ${SHOWN} shown; the CSV has them all`}
          </p>
          {report.rows.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
              Nothing to report: no rows.
            </p>
          ) : (
            <DataTable caption={`${spec.title}: ${report.about}`} headers={report.columns}>
              {report.rows.slice(0, SHOWN).map((row, i) => (
                <tr key={i} data-testid="report-row">
                  {row.map((cell, j) => (
                    <Td key={j}>{cell ?? ''}</Td>
                  ))}
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </>
  );
}
