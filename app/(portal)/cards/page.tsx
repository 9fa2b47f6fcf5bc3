import type { Metadata } from 'next';
import { LoadError } from '@/components/ui/load-error';
import Link from 'next/link';
import { Suspense } from 'react';
import { PeopleResults } from '@/components/people/people-results';
import { TableSkeleton } from '@/components/ui/skeleton';
import { PageHeader } from '@/components/ui/page-header';
import { DataTable, Td } from '@/components/ui/table';
import { SearchBox } from '@/components/ui/url-filters';
import { ChoiceFilter, PeopleFilter, activeFilters } from '@/components/people/people-filters';
import { FilterDisclosure } from '@/components/ui/filter-disclosure';
import { verifySession } from '@/lib/auth/session';
import { PEOPLE_QUERY_DEFAULTS, peopleFilterOptions, peopleQuerySchema } from '@/lib/data/people';
import { directoryFreshness } from '@/lib/data/directory-freshness';
import { DirectoryFreshness } from '@/components/people/directory-freshness';
import { portalEnv } from '@/lib/env';
import { load } from '@/lib/data/result';
import { toQueryString } from '@/lib/query-string';
import { parseQuery } from '@/lib/validation/query';
import { buttonVariants } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Cards' };

export default async function CardsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await verifySession({ capability: 'cards:read' });
  const query = parseQuery(peopleQuerySchema, await searchParams);
  const [options, freshness] = await Promise.all([load(() => peopleFilterOptions()), directoryFreshness()]);
  // Without Spintly's sites and roles the list still works (it reads the directory): only those two filters go.
  const choices = options.ok ? options.data : { sites: [], roles: [], companies: [] };
  return (
    <>
      <PageHeader
        title="Cards"
        description="Who holds a card at your sites, and who does not."
        actions={
          <a
            href={toQueryString('/api/cards/export', { ...query, page: 1 }, PEOPLE_QUERY_DEFAULTS)}
            className={buttonVariants('secondary')}
          >
            Export CSV
          </a>
        }
      />
      {!options.ok && <LoadError what="sites and roles for the filters" message={options.message} />}
      <>
        <div
          role="search"
          aria-label="Filter cards"
          className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4"
        >
          <SearchBox label="Search" placeholder="Name, phone, email, card number" />
          <FilterDisclosure active={activeFilters(query)}>
            <PeopleFilter name="card" />
            <ChoiceFilter name="site" label="Home site" any="All my sites" choices={choices.sites} />
            <ChoiceFilter name="company" label="Company" any="Any company" choices={choices.companies} />
            <PeopleFilter name="status" />
          </FilterDisclosure>
        </div>
        <DirectoryFreshness freshness={freshness} display={portalEnv().display} canSync />
        <Suspense key={JSON.stringify(query)} fallback={<TableSkeleton label="Loading cards" columns={4} />}>
          <PeopleResults query={query} path="/cards" what="cards" empty="Nobody matches these filters.">
            {(rows) => (
              <DataTable caption="People and their cards" headers={['Name', 'Home site', 'Card', 'Status']}>
                {rows.map((p) => (
                  <tr key={p.id}>
                    <Td>
                      <Link href={`/front-desk?person=${p.id}`} className="font-medium text-indigo-700 hover:underline">
                        {p.name}
                      </Link>
                    </Td>
                    <Td>{p.homeSiteName}</Td>
                    <Td>{p.card ?? <span className="text-slate-500">No card</span>}</Td>
                    <Td>{p.active ? 'Active' : 'Inactive'}</Td>
                  </tr>
                ))}
              </DataTable>
            )}
          </PeopleResults>
        </Suspense>
      </>
    </>
  );
}
