import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { PeopleTable } from '@/components/people/people-table';
import { Notice } from '@/components/ui/notice';
import { TableSkeleton } from '@/components/ui/skeleton';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { SearchBox, SelectFilter } from '@/components/ui/url-filters';
import { StatusFilter, CardFilter, SiteFilter } from '@/components/people/people-filters';
import { can } from '@/lib/auth/permissions';
import { verifySession } from '@/lib/auth/session';
import {
  PEOPLE_QUERY_DEFAULTS,
  peopleFilterOptions,
  peoplePage,
  peopleQuerySchema,
  type PeopleQuery,
} from '@/lib/data/people';
import { load } from '@/lib/data/result';
import { toQueryString } from '@/lib/query-string';
import { parseQuery } from '@/lib/validation/query';
import { buttonVariants } from '@/components/ui/button';

export const metadata: Metadata = { title: 'People' };

export default async function PeoplePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const operator = await verifySession({ capability: 'people:list' });
  const query = parseQuery(peopleQuerySchema, await searchParams);
  const options = await load(() => peopleFilterOptions());
  const canEdit = can(operator, 'people:write');
  const filtered = Boolean(
    query.search || query.site || query.role || query.card || query.expired || query.status !== 'all',
  );
  return (
    <>
      <PageHeader
        title="People"
        description="Everyone with access at your sites."
        actions={
          canEdit && (
            <Link href="/users/new" className={buttonVariants('primary')}>
              Add person
            </Link>
          )
        }
      />
      {!options.ok ? (
        <Notice tone="error" title="People could not be loaded">
          {options.message}
        </Notice>
      ) : (
        <>
          <div
            role="search"
            aria-label="Filter people"
            className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6"
          >
            <div className="sm:col-span-2">
              <SearchBox label="Search" placeholder="Name, email, phone, employee code" />
            </div>
            <StatusFilter />
            <SiteFilter sites={options.data.sites} />
            <SelectFilter
              name="role"
              label="Spintly role"
              options={[
                { value: '', label: 'Any role' },
                ...options.data.roles.map((r) => ({ value: String(r.id), label: r.name })),
              ]}
            />
            <CardFilter />
            <SelectFilter
              name="expired"
              label="Access expiry"
              options={[
                { value: '', label: 'Any' },
                { value: 'yes', label: 'Expired' },
                { value: 'no', label: 'Not expired' },
              ]}
            />
          </div>
          {/* The filters are on screen at once; the list streams in below them when Spintly answers. */}
          <Suspense key={JSON.stringify(query)} fallback={<TableSkeleton label="Loading people" columns={7} />}>
            <PeopleResults query={query} canEdit={canEdit} filtered={filtered} />
          </Suspense>
        </>
      )}
    </>
  );
}

async function PeopleResults({
  query,
  canEdit,
  filtered,
}: {
  query: PeopleQuery;
  canEdit: boolean;
  filtered: boolean;
}) {
  const result = await load(() => peoplePage(query));
  if (!result.ok)
    return (
      <Notice tone="error" title="Couldn’t load people from Spintly">
        {result.message}
      </Notice>
    );
  return (
    <>
      {result.data.rows.length === 0 ? (
        <Notice>{filtered ? 'Nobody matches these filters.' : 'Nobody has access at your sites yet.'}</Notice>
      ) : (
        <PeopleTable rows={result.data.rows} canEdit={canEdit} />
      )}
      <Pagination
        page={query.page}
        perPage={result.data.perPage}
        total={result.data.total}
        hrefFor={(page) => toQueryString('/users', { ...query, page }, PEOPLE_QUERY_DEFAULTS)}
        noun="people"
      />
    </>
  );
}
