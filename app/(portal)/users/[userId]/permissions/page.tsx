import type { Metadata } from 'next';
import Link from 'next/link';
import { LoadError } from '@/components/ui/load-error';
import { notFound } from 'next/navigation';
import { PersonDoors } from '@/components/permissions/person-doors';
import { peopleCrumb } from '@/lib/navigation';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { personPermissions } from '@/lib/data/permissions';
import { load } from '@/lib/data/result';
import { positiveInt } from '@/lib/validation/params';

export const metadata: Metadata = { title: 'Door permissions' };

export default async function PersonPermissionsPage({ params }: { params: Promise<{ userId: string }> }) {
  const userId = positiveInt((await params).userId) ?? notFound();
  const result = await load(() => personPermissions(userId));
  if (!result.ok) return <LoadError what="permissions" message={result.message} />;
  const { operator, person, company, groups, why, readAt, stuckAfterMs } = result.data;
  return (
    <>
      <Breadcrumbs
        trail={[peopleCrumb(operator), { href: `/users/${person.id}`, label: person.name }]}
        current="Doors"
      />
      <PageHeader
        title={`Doors of ${person.name}`}
        description="A change is pending until the door’s reader syncs it; this page updates itself meanwhile."
      />
      {company && (
        <p className="mb-4 text-sm text-slate-700" data-testid="company-envelope-note">
          {person.name} works for{' '}
          <Link href={`/companies/${company.id}`} className="underline">
            {company.name}
          </Link>
          . Doors outside its envelope are marked; giving one is allowed to admins and recorded as such.
        </p>
      )}
      <PersonDoors
        userId={person.id}
        personName={person.name}
        groups={groups}
        why={why}
        canEdit={can(operator, 'permissions:write')}
        readAt={readAt}
        stuckAfterMs={stuckAfterMs}
      />
    </>
  );
}
