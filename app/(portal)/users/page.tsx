import type { Metadata } from 'next';
import { LoadError } from '@/components/ui/load-error';
import Link from 'next/link';
import { Suspense } from 'react';
import { PeopleTable } from '@/components/people/people-table';
import { PeopleResults } from '@/components/people/people-results';
import { TableSkeleton } from '@/components/ui/skeleton';
import { PageHeader } from '@/components/ui/page-header';
import { SearchBox } from '@/components/ui/url-filters';
import { ChoiceFilter, PeopleFilter, activeFilters } from '@/components/people/people-filters';
import { FilterDisclosure } from '@/components/ui/filter-disclosure';
import { can } from '@/lib/auth/permissions';
import { verifySession } from '@/lib/auth/session';
import { PEOPLE_QUERY_DEFAULTS, peopleFilterOptions, peopleQuerySchema } from '@/lib/data/people';
import { directoryFreshness } from '@/lib/data/directory-freshness';
import { toQueryString } from '@/lib/query-string';
import { portalEnv } from '@/lib/env';
import { DirectoryFreshness } from '@/components/people/directory-freshness';
import { load } from '@/lib/data/result';
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
  const [options, freshness] = await Promise.all([load(() => peopleFilterOptions()), directoryFreshness()]);
  const canEdit = can(operator, 'people:write');
  const filtered = Boolean(
    query.search || query.site || query.company || query.role || query.card || query.expired || query.status !== 'all',
  );
  // Without Spintly's sites and roles the list still works (it reads the directory): only those two filters go.
  const choices = options.ok ? options.data : { sites: [], roles: [], companies: [] };
  return (
    <>
      <PageHeader
        title="People"
        description="Everyone with access at your sites."
        actions={
          <>
            <a
              href={toQueryString('/api/people/export', { ...query, page: 1 }, PEOPLE_QUERY_DEFAULTS)}
              className={buttonVariants('secondary')}
            >
              Export CSV
            </a>
            {canEdit && (
              <>
                <Link href="/jobs" className={buttonVariants('secondary')}>
                  Jobs
                </Link>
                <Link href="/users/import" className={buttonVariants('secondary')}>
                  Import
                </Link>
                <Link href="/users/new" className={buttonVariants('primary')}>
                  Add person
                </Link>
              </>
            )}
          </>
        }
      />
      {!options.ok && <LoadError what="sites and roles for the filters" message={options.message} />}
      <>
        <div
          role="search"
          aria-label="Filter people"
          className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6"
        >
          <div className="sm:col-span-2">
            <SearchBox label="Search" placeholder="Name, email, phone, employee code or card" />
          </div>
          <FilterDisclosure active={activeFilters(query)}>
            <PeopleFilter name="status" />
            <ChoiceFilter name="site" label="Home site" any="All my sites" choices={choices.sites} />
            <ChoiceFilter name="company" label="Company" any="Any company" choices={choices.companies} />
            <ChoiceFilter name="role" label="Spintly role" any="Any role" choices={choices.roles} />
            <PeopleFilter name="card" />
            <PeopleFilter name="expired" />
            <PeopleFilter name="sort" />
            <PeopleFilter name="dir" />
          </FilterDisclosure>
        </div>
        <DirectoryFreshness freshness={freshness} display={portalEnv().display} canSync />
        {canEdit && (
          // Changes to everyone the filter matches (not just this page) run as jobs; each link asks first.
          <p className="mb-3 flex flex-wrap gap-x-3 text-sm text-slate-700" data-testid="bulk-by-filter">
            <span>{filtered ? 'Everyone matching these filters:' : 'Everyone at your sites:'}</span>
            {(['activate', 'deactivate', 'offboard', 'delete'] as const).map((action) => (
              <Link
                key={action}
                href={toQueryString('/users/bulk', { ...query, page: 1, action }, PEOPLE_QUERY_DEFAULTS)}
                className="text-indigo-700 underline"
              >
                {action[0]!.toUpperCase() + action.slice(1)}…
              </Link>
            ))}
          </p>
        )}
        {/* The filters are on screen at once; the list streams in below them. */}
        <Suspense key={JSON.stringify(query)} fallback={<TableSkeleton label="Loading people" columns={7} />}>
          <PeopleResults
            query={query}
            path="/users"
            what="people"
            empty={filtered ? 'Nobody matches these filters.' : 'Nobody has access at your sites yet.'}
          >
            {(rows) => <PeopleTable rows={rows} canEdit={canEdit} />}
          </PeopleResults>
        </Suspense>
      </>
    </>
  );
}
