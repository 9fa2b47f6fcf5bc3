import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DoorPeople } from '@/components/doors/door-people';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { doorPage } from '@/lib/data/sites';
import { load } from '@/lib/data/result';
import { positiveInt } from '@/lib/validation/params';

export const metadata: Metadata = { title: 'Door' };

export default async function DoorPage({ params }: { params: Promise<{ siteId: string; doorId: string }> }) {
  const raw = await params;
  const siteId = positiveInt(raw.siteId) ?? notFound();
  const doorId = positiveInt(raw.doorId) ?? notFound();
  const result = await load(() => doorPage(siteId, doorId));
  if (!result.ok)
    return (
      <Notice tone="error" title="This door could not be loaded">
        {result.message}
      </Notice>
    );
  const { site, door, holders, pending, hiddenCount, canEdit, readAt } = result.data;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/sites" className="text-indigo-700 underline">
          Sites
        </Link>{' '}
        <span aria-hidden>/</span>{' '}
        <Link href={`/sites/${site.id}`} className="text-indigo-700 underline">
          {site.name}
        </Link>{' '}
        <span aria-hidden>/</span> {door.name}
      </nav>
      <PageHeader title={door.name} description={`${site.name} · who can open this door`} />
      {hiddenCount > 0 && (
        <div className="mb-4">
          <Notice>
            {hiddenCount} more {hiddenCount === 1 ? 'person' : 'people'} from sites you do not manage can open this
            door.
          </Notice>
        </div>
      )}
      <DoorPeople
        doorId={door.id}
        doorName={door.name}
        holders={holders}
        pending={pending}
        canEdit={canEdit}
        readAt={readAt}
      />
    </>
  );
}
