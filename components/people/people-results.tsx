import type { ReactNode } from 'react';
import { LoadError } from '@/components/ui/load-error';
import { Notice } from '@/components/ui/notice';
import { Pagination } from '@/components/ui/pagination';
import { PEOPLE_QUERY_DEFAULTS, peoplePage, type PeopleQuery, type PersonRow } from '@/lib/data/people';
import { load } from '@/lib/data/result';
import { toQueryString } from '@/lib/query-string';

/**
 * One page of a people list (/users, /cards), read when it renders — under the page's <Suspense>, after the filters
 * are on screen: the rows as the page draws them, or a notice when there are none or Spintly did not answer, and the
 * pagination that keeps the filters.
 */
export async function PeopleResults({
  query,
  path,
  what,
  empty,
  children,
}: {
  query: PeopleQuery;
  path: string;
  /** "people", "cards": for "Couldn't load … from Spintly". */
  what: string;
  empty: string;
  children: (rows: PersonRow[]) => ReactNode;
}) {
  const result = await load(() => peoplePage(query));
  if (!result.ok) return <LoadError what={what} message={result.message} />;
  return (
    <>
      {result.data.rows.length === 0 ? <Notice>{empty}</Notice> : children(result.data.rows)}
      <Pagination
        page={query.page}
        perPage={result.data.perPage}
        total={result.data.total}
        hrefFor={(page) => toQueryString(path, { ...query, page }, PEOPLE_QUERY_DEFAULTS)}
        noun="people"
      />
    </>
  );
}
