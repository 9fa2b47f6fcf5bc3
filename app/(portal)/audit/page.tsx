import type { Metadata } from 'next';
import { DayInput } from '@/components/ui/day-input';
import { Field, Input, Select } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { FilterForm } from '@/components/ui/filter-form';
import { Pagination } from '@/components/ui/pagination';
import { DataTable, Td } from '@/components/ui/table';
import { auditPage, auditQuerySchema } from '@/lib/data/audit';
import { OUTCOME_CATEGORIES, type OutcomeCategory } from '@/lib/audit/sentence';
import { portalEnv } from '@/lib/env';
import { formatDateTime, relativeTime } from '@/lib/format';
import { toQueryString } from '@/lib/query-string';
import { parseQuery } from '@/lib/validation/query';
import { buttonVariants } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Audit log' };

const OUTCOME_LABEL: Record<OutcomeCategory, string> = { ok: 'Done', refused: 'Refused', failed: 'Failed' };

const OUTCOME_STYLE: Record<OutcomeCategory, string> = {
  ok: 'text-green-800',
  refused: 'text-amber-800',
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
      <FilterForm
        label="Filter the audit log"
        clearHref="/audit"
        className="mb-6 sm:grid-cols-3 lg:grid-cols-4"
        active={
          [query.operator, query.about, query.outcome, query.action, query.target, query.from, query.to].filter(Boolean)
            .length
        }
      >
        <Field id="f-operator" label="Operator">
          <Input id="f-operator" name="operator" defaultValue={query.operator ?? ''} placeholder="name or email" />
        </Field>
        <Field id="f-about" label="Person, door or site">
          <Input id="f-about" name="about" defaultValue={query.about ?? ''} placeholder="a name" />
        </Field>
        <Field id="f-outcome" label="Outcome">
          <Select id="f-outcome" name="outcome" defaultValue={query.outcome ?? ''}>
            <option value="">Any</option>
            {OUTCOME_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {OUTCOME_LABEL[category]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="f-action" label="Action">
          <Input id="f-action" name="action" defaultValue={query.action ?? ''} placeholder="e.g. cards." />
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
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
          No entries match.
        </p>
      ) : (
        <DataTable
          caption="Audit entries, newest first"
          headers={['When', 'Operator', 'What happened', 'Outcome', 'Site']}
        >
          {rows.map((row) => (
            <tr key={row.id} data-testid="audit-row">
              <Td className="whitespace-nowrap">
                <time dateTime={row.at}>{formatDateTime(row.at, display)}</time>
                <div className="text-xs text-slate-500">{relativeTime(row.at, readAt)}</div>
              </Td>
              <Td>
                {row.operator}
                <div className="text-xs text-slate-500">
                  {[row.operatorRole, row.operator !== row.operatorEmail && row.operatorEmail]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
              </Td>
              <Td className="min-w-64">
                <span data-testid="audit-sentence">{row.sentence}</span>
                <div className="text-xs text-slate-500">
                  <code>{row.action}</code>
                  {row.targetIds.length > 0 &&
                    ` · ids ${row.targetIds.slice(0, 5).join(', ')}${row.targetIds.length > 5 ? ` +${row.targetIds.length - 5}` : ''}`}
                  {row.spintlyStatus !== null && ` · Spintly ${row.spintlyStatus}`} · {row.durationMs} ms
                </div>
              </Td>
              <Td className={`font-medium ${OUTCOME_STYLE[row.outcome.category]}`}>
                {row.outcome.text}
                {row.detail && row.outcome.category !== 'ok' && (
                  <div className="text-xs font-normal text-slate-600">{row.detail}</div>
                )}
              </Td>
              <Td>{row.siteName ?? '—'}</Td>
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
