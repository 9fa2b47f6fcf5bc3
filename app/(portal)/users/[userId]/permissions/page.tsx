import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PersonDoors } from '@/components/permissions/person-doors';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { personPermissions } from '@/lib/data/permissions';
import { load } from '@/lib/data/result';
import { positiveInt } from '@/lib/validation/params';

export const metadata: Metadata = { title: 'Door permissions' };

export default async function PersonPermissionsPage({ params }: { params: Promise<{ userId: string }> }) {
  const userId = positiveInt((await params).userId) ?? notFound();
  const result = await load(() => personPermissions(userId));
  if (!result.ok)
    return (
      <Notice tone="error" title="Permissions could not be loaded">
        {result.message}
      </Notice>
    );
  const { operator, person, groups, readAt, stuckAfterMs } = result.data;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/users" className="text-indigo-700 underline">
          People
        </Link>{' '}
        <span aria-hidden>/</span>{' '}
        <Link href={`/users/${person.id}`} className="text-indigo-700 underline">
          {person.name}
        </Link>{' '}
        <span aria-hidden>/</span> Doors
      </nav>
      <PageHeader
        title={`Doors of ${person.name}`}
        description="A change is pending until the door’s reader syncs it; this page updates itself meanwhile."
      />
      <PersonDoors
        userId={person.id}
        personName={person.name}
        groups={groups}
        canEdit={can(operator, 'permissions:write')}
        readAt={readAt}
        stuckAfterMs={stuckAfterMs}
      />
    </>
  );
}
