import type { Metadata } from 'next';
import { DayInput } from '@/components/ui/day-input';
import { Field, Input } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { FilterForm } from '@/components/ui/filter-form';
import { Pagination } from '@/components/ui/pagination';
import { DataTable, Td } from '@/components/ui/table';
import { auditPage, auditQuerySchema } from '@/lib/data/audit';
import { portalEnv } from '@/lib/env';
import { formatDateTime, relativeTime } from '@/lib/format';
import { toQueryString } from '@/lib/query-string';
import { parseQuery } from '@/lib/validation/query';
import { buttonVariants } from '@/components/ui/button';

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
  const query = parseQuery(auditQuerySchema, await searchParams);
  const { rows, total, page, perPage, allSites, readAt } = await auditPage(query);
  const { display } = portalEnv();

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
          <a href={toQueryString('/api/audit/export', { ...query, page: 1 })} className={buttonVariants('secondary')}>
            Export CSV
          </a>
        }
      />
      <FilterForm label="Filter the audit log" clearHref="/audit" className="mb-6 sm:grid-cols-3 lg:grid-cols-6">
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
          <DayInput id="f-from" name="from" defaultDay={query.from} />
        </Field>
        <Field id="f-to" label="To">
          <DayInput id="f-to" name="to" defaultDay={query.to} />
        </Field>
      </FilterForm>

      {total === 0 ? (
        <p className="text-sm text-slate-600">No entries match.</p>
      ) : (
        <DataTable
          caption="Audit entries, newest first"
          headers={['When', 'Operator', 'Action', 'Targets', 'Site', 'Outcome', 'Spintly', 'Time']}
        >
          {rows.map((row) => (
            <tr key={row.id}>
              <Td className="whitespace-nowrap">
                <time dateTime={row.at}>{formatDateTime(row.at, display)}</time>
                <div className="text-xs text-slate-500">{relativeTime(row.at, readAt)}</div>
              </Td>
              <Td>
                {row.operatorEmail ?? '—'}
                {row.operatorRole && <div className="text-xs text-slate-500">{row.operatorRole}</div>}
              </Td>
              <Td className="font-mono text-xs">{row.action}</Td>
              <Td className="max-w-48 truncate">
                {row.targetType ? `${row.targetType} ${row.targetIds.join(', ')}` : '—'}
              </Td>
              <Td>{row.siteId ?? '—'}</Td>
              <Td className={`font-medium ${OUTCOME_STYLE[row.outcome] ?? ''}`}>
                {row.outcome}
                {row.detail && <div className="text-xs font-normal text-slate-600">{row.detail}</div>}
              </Td>
              <Td>{row.spintlyStatus ?? '—'}</Td>
              <Td className="whitespace-nowrap">{row.durationMs} ms</Td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination
        page={page}
        perPage={perPage}
        total={total}
        hrefFor={(p) => toQueryString('/audit', { ...query, page: p })}
        noun="entries"
      />
    </>
  );
}
