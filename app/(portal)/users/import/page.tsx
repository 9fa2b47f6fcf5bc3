import type { Metadata } from 'next';
import { ImportForm } from '@/components/import/import-form';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';
import { verifySession } from '@/lib/auth/session';
import { peopleCrumb } from '@/lib/navigation';
import { IMPORT_COLUMNS } from '@/lib/import/columns';

export const metadata: Metadata = { title: 'Import people' };

export default async function ImportPeoplePage() {
  const operator = await verifySession({ capability: 'people:manage' });
  return (
    <>
      <Breadcrumbs trail={[peopleCrumb(operator)]} current="Import" />
      <PageHeader
        title="Import people"
        description="Add or update many people from a CSV file. Check the file first: nothing is sent until you import."
        actions={
          <a href="/people-import-template.csv" download className="text-sm text-indigo-700 underline">
            Download the template
          </a>
        }
      />
      <details className="mb-4 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <summary className="cursor-pointer font-medium">Columns the import reads</summary>
        <p className="mt-2 text-slate-700">
          {IMPORT_COLUMNS.map((c) => c.header).join(' · ')}. Only Name is required (with an email or a phone for a new
          person). Headers match whatever their case, spaces, _ or -. Comma or semicolon separated. Dates as dd/mm/yyyy
          or yyyy-mm-dd; phones without a country code are taken as Indian. Roles and doors: several separated by | (a
          door is looked up at the person’s home site first). A person found by email, phone or employee code is
          updated, not added again; doors are only added, never taken away.
        </p>
      </details>
      <ImportForm />
    </>
  );
}
