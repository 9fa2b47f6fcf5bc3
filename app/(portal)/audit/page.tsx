import type { Metadata } from 'next';
import Link from 'next/link';
import { Field, Input } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { auditPage } from '@/lib/data/audit';
import { auditQueryString, parseAuditQuery } from '@/lib/validation/audit';

export const metadata: Metadata = { title: 'Audit log' };

const OUTCOME_STYLE: Record<string, string> = {
  ok: 'text-green-800',
  invalid: 'text-amber-800',
  denied: 'text-red-800',
  failed: 'text-red-800',
};

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = parseAuditQuery(await searchParams);
  const { rows, total, page, perPage, allSites } = await auditPage(query);
  const first = total === 0 ? 0 : (page - 1) * perPage + 1;
  const last = Math.min(page * perPage, total);
  const pages = Math.max(1, Math.ceil(total / perPage));

  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          allSites
            ? 'Every change made through the portal, and every refused attempt.'
            : 'Changes made through the portal at your sites.'
        }
        actions={
          <a
            href={`/api/audit/export${auditQueryString({ ...query, page: 1 })}`}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
          >
            Export CSV
          </a>
        }
      />
      {/* A plain GET form: the filters live in the URL, so a view can be bookmarked or shared. */}
      <form
        method="get"
        role="search"
        aria-label="Filter the audit log"
        className="mb-6 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6"
      >
        <Field id="f-operator" label="Operator">
          <Input id="f-operator" name="operator" defaultValue={query.operator ?? ''} placeholder="email" />
        </Field>
        <Field id="f-action" label="Action">
          <Input id="f-action" name="action" defaultValue={query.action ?? ''} placeholder="e.g. operators." />
        </Field>
        <Field id="f-target" label="Target id">
          <Input id="f-target" name="target" defaultValue={query.target ?? ''} />
        </Field>
        <Field id="f-from" label="From">
          <Input id="f-from" name="from" type="date" defaultValue={query.from ?? ''} />
        </Field>
        <Field id="f-to" label="To">
          <Input id="f-to" name="to" type="date" defaultValue={query.to ?? ''} />
        </Field>
        <div className="flex items-end gap-2">
          <button
            type="submit"
            className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800"
          >
            Filter
          </button>
          <Link href="/audit" className="px-2 py-2 text-sm text-slate-700 underline">
            Clear
          </Link>
        </div>
      </form>

      <p className="mb-2 text-sm text-slate-600" aria-live="polite">
        {total === 0 ? 'No entries match.' : `Showing ${first}–${last} of ${total}`}
      </p>
      {total > 0 && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Audit entries, newest first</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                {['When (UTC)', 'Operator', 'Action', 'Targets', 'Site', 'Outcome', 'Spintly', 'Time'].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="px-3 py-2 whitespace-nowrap">{row.at.slice(0, 19).replace('T', ' ')}</td>
                  <td className="px-3 py-2">
                    {row.operatorEmail ?? '—'}
                    {row.operatorRole && <div className="text-xs text-slate-500">{row.operatorRole}</div>}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{row.action}</td>
                  <td className="max-w-48 truncate px-3 py-2" title={row.targetIds.join(', ')}>
                    {row.targetType ? `${row.targetType} ${row.targetIds.join(', ')}` : '—'}
                  </td>
                  <td className="px-3 py-2">{row.siteId ?? '—'}</td>
                  <td className={`px-3 py-2 font-medium ${OUTCOME_STYLE[row.outcome] ?? ''}`}>
                    {row.outcome}
                    {row.detail && <div className="text-xs font-normal text-slate-600">{row.detail}</div>}
                  </td>
                  <td className="px-3 py-2">{row.spintlyStatus ?? '—'}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{row.durationMs} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex items-center gap-3 text-sm">
          {page > 1 ? (
            <Link className="underline" href={`/audit${auditQueryString({ ...query, page: page - 1 })}`}>
              Previous
            </Link>
          ) : (
            <span className="text-slate-500">Previous</span>
          )}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link className="underline" href={`/audit${auditQueryString({ ...query, page: page + 1 })}`}>
              Next
            </Link>
          ) : (
            <span className="text-slate-500">Next</span>
          )}
        </nav>
      )}
    </>
  );
}
