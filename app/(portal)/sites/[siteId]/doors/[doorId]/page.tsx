import type { Metadata } from 'next';
import { buttonVariants } from '@/components/ui/button';
import { LoadError } from '@/components/ui/load-error';
import { notFound } from 'next/navigation';
import { DoorPeople } from '@/components/doors/door-people';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { doorHoldersQuerySchema, doorPage } from '@/lib/data/doors';
import { Suspense } from 'react';
import { RecentActivity } from '@/components/activity/recent-activity';
import { preloadRecentActivity } from '@/lib/data/activity';
import { load } from '@/lib/data/result';
import { positiveInt } from '@/lib/validation/params';
import { parseQuery } from '@/lib/validation/query';

export const metadata: Metadata = { title: 'Door' };

export default async function DoorPage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string; doorId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await params;
  const siteId = positiveInt(raw.siteId) ?? notFound();
  const doorId = positiveInt(raw.doorId) ?? notFound();
  const query = parseQuery(doorHoldersQuerySchema, await searchParams);
  const { search } = query;
  // The panel below is read from the portal's own events while Spintly answers for the door, not after.
  preloadRecentActivity({ door: doorId });
  const result = await load(() => doorPage(siteId, doorId, query));
  if (!result.ok) return <LoadError what="this door" message={result.message} />;
  const { site, door, hiddenCount, ...people } = result.data;
  return (
    <>
      <Breadcrumbs
        trail={[
          { href: '/sites', label: 'Sites' },
          { href: `/sites/${site.id}`, label: site.name },
        ]}
        current={door.name}
      />
      <PageHeader
        title={door.name}
        description={`${site.name} · who can open this door, and why`}
        actions={
          <a href={`/api/doors/holders/export?doorId=${door.id}`} className={buttonVariants('secondary')}>
            Export CSV
          </a>
        }
      />
      {hiddenCount > 0 && (
        <div className="mb-4">
          <Notice>
            {hiddenCount} more {hiddenCount === 1 ? 'person' : 'people'} from sites you do not manage can open this
            door.
          </Notice>
        </div>
      )}
      <DoorPeople door={door} search={search} {...people} />
      <Suspense fallback={<p className="mt-6 text-sm text-slate-600">Loading recent activity…</p>}>
        <RecentActivity subject={{ door: door.id }} />
      </Suspense>
    </>
  );
}
