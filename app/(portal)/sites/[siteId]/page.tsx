import type { Metadata } from 'next';
import { LoadError } from '@/components/ui/load-error';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { SearchBox } from '@/components/ui/url-filters';
import { load } from '@/lib/data/result';
import { siteDoorsPage, siteDoorsQuerySchema } from '@/lib/data/sites';
import { positiveInt } from '@/lib/validation/params';
import { toQueryString } from '@/lib/query-string';
import { parseQuery } from '@/lib/validation/query';
import { buttonVariants } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';

export const metadata: Metadata = { title: 'Doors' };

export default async function SiteDoorsPage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const siteId = positiveInt((await params).siteId) ?? notFound();
  const query = parseQuery(siteDoorsQuerySchema, await searchParams);
  const { search } = query;
  const result = await load(() => siteDoorsPage(siteId, query));
  if (!result.ok) return <LoadError what="doors" message={result.message} />;
  const { site, doors, total, perPage } = result.data;
  return (
    <>
      <Breadcrumbs trail={[{ href: '/sites', label: 'Sites' }]} current={site.name} />
      <PageHeader
        title={site.name}
        description={site.location ?? undefined}
        actions={
          <>
            <Link href={`/sites/${siteId}/permissions`} className={buttonVariants('primary')}>
              Permission matrix
            </Link>
            <Link href={`/users?site=${siteId}`} className={buttonVariants('secondary')}>
              People of this site
            </Link>
          </>
        }
      />
      <div className="mb-4 max-w-sm">
        <SearchBox label="Find a door" placeholder="Door name" />
      </div>
      {doors.length === 0 ? (
        <Notice>{search ? `No door of this site matches “${search}”.` : 'This site has no doors yet.'}</Notice>
      ) : (
        <Panel as="ul" className="divide-y divide-slate-100">
          {doors.map((door) => (
            <li key={door.id}>
              <Link
                href={`/sites/${siteId}/doors/${door.id}`}
                className="block px-4 py-3 font-medium text-indigo-700 hover:bg-slate-50"
              >
                {door.name}
              </Link>
            </li>
          ))}
        </Panel>
      )}
      <Pagination
        page={query.page}
        perPage={perPage}
        total={total}
        hrefFor={(page) => toQueryString(`/sites/${siteId}`, { search, page })}
        noun="doors"
      />
    </>
  );
}
