import type { Metadata } from 'next';
import { LoadError } from '@/components/ui/load-error';
import { notFound } from 'next/navigation';
import { PersonForm } from '@/components/people/person-form';
import { PageHeader } from '@/components/ui/page-header';
import { editPersonPage } from '@/lib/data/person-form';
import { load } from '@/lib/data/result';
import { positiveInt } from '@/lib/validation/params';
import { portalEnv } from '@/lib/env';
import { dayOf, showDay } from '@/lib/format';

export const metadata: Metadata = { title: 'Edit person' };

export default async function EditPersonPage({ params }: { params: Promise<{ userId: string }> }) {
  const userId = positiveInt((await params).userId) ?? notFound();
  const result = await load(() => editPersonPage(userId));
  if (!result.ok) return <LoadError what="this person" message={result.message} />;
  const { person, options, companyId } = result.data;
  return (
    <>
      <PageHeader title={`Edit ${person.name}`} />
      <PersonForm
        options={options}
        userId={person.id}
        initial={{
          name: person.name,
          email: person.email ?? '',
          phone: person.phone ?? '',
          employeeCode: person.employeeCode ?? '',
          roleIds: person.roleIds.map(String),
          homeSiteId: person.homeSiteId === null ? '' : String(person.homeSiteId),
          access: { ...person.access, clickToAccessRange: String(person.access.clickToAccessRange) },
          accessExpiresOn: person.accessExpiresAt
            ? showDay(dayOf(person.accessExpiresAt, portalEnv().display.timeZone))
            : '',
          companyId: companyId === undefined ? '' : String(companyId),
        }}
      />
    </>
  );
}
