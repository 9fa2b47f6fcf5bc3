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
import { portalEnv } from '@/lib/env';
import { formatCount, formatDateTime, formatWait } from '@/lib/format';
import { siteDoorsPage, siteDoorsQuerySchema } from '@/lib/data/sites';
import { positiveInt } from '@/lib/validation/params';
import { toQueryString } from '@/lib/query-string';
import { parseQuery } from '@/lib/validation/query';
import { buttonVariants } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';
import { VisitorDoorsSetting } from '@/components/visitors/visitor-doors-setting';

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
  const { site, doors, total, perPage, countedAt, stuckAfterMs, visitorDoors } = result.data;
  const { display } = portalEnv();
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
        <>
          <Panel as="ul" className="divide-y divide-slate-100" aria-label={`Doors of ${site.name}`}>
            {doors.map((door) => (
              <li key={door.id} data-testid={`door-${door.id}`}>
                <Link
                  href={`/sites/${siteId}/doors/${door.id}`}
                  className="flex flex-wrap items-baseline gap-x-4 gap-y-1 px-4 py-3 hover:bg-slate-50"
                >
                  <span className="font-medium text-indigo-700">{door.name}</span>
                  <span className="ml-auto flex flex-wrap gap-x-3 text-sm text-slate-700">
                    <span>
                      {door.holders === null
                        ? 'Holders not counted yet'
                        : `${formatCount(door.holders, display)} can open`}
                    </span>
                    {door.pending > 0 && <span className="text-amber-800">{door.pending} pending</span>}
                    {door.stuck > 0 && (
                      <span className="font-medium text-red-800">
                        {door.stuck} waiting over {formatWait(stuckAfterMs)} — reader offline?
                      </span>
                    )}
                  </span>
                </Link>
              </li>
            ))}
          </Panel>
          <p className="mt-2 text-xs text-slate-600">
            {countedAt
              ? `Counts as of ${formatDateTime(countedAt, display)} (doors are counted every few minutes).`
              : 'Holder and pending counts appear after the first scan of the doors, a few minutes after start.'}
          </p>
        </>
      )}
      <Pagination
        page={query.page}
        perPage={perPage}
        total={total}
        hrefFor={(page) => toQueryString(`/sites/${siteId}`, { search, page })}
        noun="doors"
      />
      <VisitorDoorsSetting siteId={siteId} {...visitorDoors} />
    </>
  );
}
