import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { FilterForm } from '@/components/ui/filter-form';
import { PageHeader } from '@/components/ui/page-header';
import { DataTable, Td } from '@/components/ui/table';
import { CompanyEnd } from '@/components/companies/company-end';
import { can } from '@/lib/auth/permissions';
import { companiesPage, companiesQuerySchema } from '@/lib/data/companies';
import { portalEnv } from '@/lib/env';
import { formatCount } from '@/lib/format';
import { parseQuery } from '@/lib/validation/query';

export const metadata: Metadata = { title: 'Companies' };

/** `/companies?search=&site=&status=`: the client companies at the operator's sites, those ending soonest first. */
export default async function CompaniesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = parseQuery(companiesQuerySchema, await searchParams);
  const { operator, sites, rows } = await companiesPage(query);
  const { display } = portalEnv();
  const active = [query.search, query.site, query.status].filter((v) => v !== undefined).length;
  return (
    <>
      <PageHeader
        title="Companies"
        description="The companies renting space at your sites: their people, the doors they may be given, and when their access ends."
        actions={
          can(operator, 'companies:write') && (
            <Link href="/companies/new" className={buttonVariants('primary')}>
              Add company
            </Link>
          )
        }
      />
      <FilterForm
        label="Filter companies"
        clearHref="/companies"
        showClear={active > 0}
        active={active}
        className="mb-4 sm:grid-cols-4"
      >
        <Field id="c-search" label="Search">
          <Input id="c-search" name="search" type="search" defaultValue={query.search ?? ''} placeholder="Name" />
        </Field>
        <Field id="c-site" label="Site">
          <Select id="c-site" name="site" defaultValue={query.site ?? ''}>
            <option value="">All your sites</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="c-status" label="Status">
          <Select id="c-status" name="status" defaultValue={query.status ?? ''}>
            <option value="">Any</option>
            <option value="active">Active</option>
            <option value="ended">Ended</option>
          </Select>
        </Field>
      </FilterForm>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
          {active > 0 ? 'No company matches these filters.' : 'No companies yet.'}{' '}
          {can(operator, 'companies:write') && (
            <Link href="/companies/new" className="underline">
              Add one
            </Link>
          )}
        </p>
      ) : (
        <DataTable caption="Companies" headers={['Company', 'Sites', 'Members', 'Spintly value', 'Access ends']}>
          {rows.map((row) => (
            <tr key={row.id} data-testid="company-row">
              <Td>
                <Link href={`/companies/${row.id}`} className="font-medium underline">
                  {row.name}
                </Link>
              </Td>
              <Td>{row.siteNames.join(', ')}</Td>
              <Td>{formatCount(row.members, display)}</Td>
              <Td>{row.termName ?? '—'}</Td>
              <Td>
                <CompanyEnd company={row} />
              </Td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
