import type { Metadata } from 'next';
import { OperatorsManager } from '@/components/operators/operators-manager';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { operatorsPage } from '@/lib/data/operators';

export const metadata: Metadata = { title: 'Operators' };

export default async function OperatorsPage() {
  const { rows, sites, companies } = await operatorsPage();
  return (
    <>
      <PageHeader
        title="Operators"
        description="The people who use this portal, their roles and the sites (or, for a company admin, the companies) they manage."
      />
      {!sites.ok && (
        <div className="mb-4">
          <Notice tone="warning" title="Site names are unavailable">
            {sites.message} You can still disable operators and reset passwords.
          </Notice>
        </div>
      )}
      <OperatorsManager rows={rows} sites={sites.ok ? sites.data : []} companies={companies} />
    </>
  );
}
