import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { Notice } from '@/components/ui/notice';
import { TableSkeleton } from '@/components/ui/skeleton';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { DataTable, Td } from '@/components/ui/table';
import { SearchBox } from '@/components/ui/url-filters';
import { StatusFilter, CardFilter, SiteFilter } from '@/components/people/people-filters';
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

export const metadata: Metadata = { title: 'Cards' };

export default async function CardsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await verifySession({ capability: 'cards:read' });
  const query = parseQuery(peopleQuerySchema, await searchParams);
  const options = await load(() => peopleFilterOptions());
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
      {!options.ok ? (
        <Notice tone="error" title="Cards could not be loaded">
          {options.message}
        </Notice>
      ) : (
        <>
          <div
            role="search"
            aria-label="Filter cards"
            className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4"
          >
            <SearchBox label="Search" placeholder="Name, phone, email, card number" />
            <CardFilter />
            <SiteFilter sites={options.data.sites} />
            <StatusFilter />
          </div>
          <Suspense key={JSON.stringify(query)} fallback={<TableSkeleton label="Loading cards" columns={4} />}>
            <CardResults query={query} />
          </Suspense>
        </>
      )}
    </>
  );
}

async function CardResults({ query }: { query: PeopleQuery }) {
  const result = await load(() => peoplePage(query));
  if (!result.ok)
    return (
      <Notice tone="error" title="Couldn’t load cards from Spintly">
        {result.message}
      </Notice>
    );
  return (
    <>
      {result.data.rows.length === 0 ? (
        <Notice>Nobody matches these filters.</Notice>
      ) : (
        <DataTable caption="People and their cards" headers={['Name', 'Home site', 'Card', 'Status']}>
          {result.data.rows.map((p) => (
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
      <Pagination
        page={query.page}
        perPage={result.data.perPage}
        total={result.data.total}
        hrefFor={(page) => toQueryString('/cards', { ...query, page }, PEOPLE_QUERY_DEFAULTS)}
        noun="people"
      />
    </>
  );
}
