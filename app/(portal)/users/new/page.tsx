import type { Metadata } from 'next';
import { PersonForm } from '@/components/people/person-form';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { personFormOptions } from '@/lib/data/person-form';
import { load } from '@/lib/data/result';

export const metadata: Metadata = { title: 'Add person' };

export default async function NewPersonPage() {
  const options = await load(personFormOptions);
  return (
    <>
      <PageHeader
        title="Add person"
        description="They get access at their home site; doors are pending until each reader syncs."
      />
      {options.ok ? (
        <PersonForm options={options.data} />
      ) : (
        <Notice tone="error" title="The form could not be prepared">
          {options.message}
        </Notice>
      )}
    </>
  );
}
