import type { Metadata } from 'next';
import { OperatorsManager } from '@/components/operators/operators-manager';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { operatorsPage } from '@/lib/data/operators';
import { parseQuery, queryFields } from '@/lib/validation/query';
import { z } from 'zod';

export const metadata: Metadata = { title: 'Operators' };

/** `/operators?company=` (from a company's page): the Add operator form opens for a new admin of that company. */
export default async function OperatorsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { company } = parseQuery(z.object({ company: queryFields.id }), await searchParams);
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
      <OperatorsManager
        rows={rows}
        sites={sites.ok ? sites.data : []}
        companies={companies}
        inviteFor={companies.some((c) => c.id === company) ? company : undefined}
      />
    </>
  );
}
