import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DoorPeople } from '@/components/doors/door-people';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { doorPage } from '@/lib/data/sites';
import { load } from '@/lib/data/result';
import { positiveInt, singleParam } from '@/lib/validation/params';

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
  const query = await searchParams;
  const search = singleParam(query.search)?.trim().slice(0, 100) || undefined;
  const page = positiveInt(singleParam(query.page)) ?? 1;
  const result = await load(() => doorPage(siteId, doorId, { search, page }));
  if (!result.ok)
    return (
      <Notice tone="error" title="This door could not be loaded">
        {result.message}
      </Notice>
    );
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
      <PageHeader title={door.name} description={`${site.name} · who can open this door`} />
      {hiddenCount > 0 && (
        <div className="mb-4">
          <Notice>
            {hiddenCount} more {hiddenCount === 1 ? 'person' : 'people'} from sites you do not manage can open this
            door.
          </Notice>
        </div>
      )}
      <DoorPeople door={door} search={search} {...people} />
    </>
  );
}
