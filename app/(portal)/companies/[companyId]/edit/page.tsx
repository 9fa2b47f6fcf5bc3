import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CompanyForm } from '@/components/companies/company-form';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';
import { editCompanyPage } from '@/lib/data/companies';
import { showDay } from '@/lib/format';
import { queryFields } from '@/lib/validation/query';

export const metadata: Metadata = { title: 'Edit company' };

/** `/companies/[id]/edit`: a company's details, sites, envelope and dates. */
export default async function EditCompanyPage({ params }: { params: Promise<{ companyId: string }> }) {
  const id = queryFields.id.parse((await params).companyId);
  if (id === undefined) notFound();
  const { company, options } = await editCompanyPage(id);
  return (
    <>
      <Breadcrumbs
        trail={[
          { href: '/companies', label: 'Companies' },
          { href: `/companies/${company.id}`, label: company.name },
        ]}
        current="Edit"
      />
      <PageHeader title={`Edit ${company.name}`} />
      <CompanyForm
        companyId={company.id}
        options={options}
        defaults={{
          name: company.name,
          validFrom: showDay(company.validFrom),
          validUntil: company.validUntil ? showDay(company.validUntil) : '',
          siteIds: company.siteIds.map(String),
          doorIds: company.doorIds.map(String),
          termId: company.termId === null ? '' : String(company.termId),
          contactName: company.contactName ?? '',
          contactEmail: company.contactEmail ?? '',
          contactPhone: company.contactPhone ?? '',
          notes: company.notes ?? '',
        }}
      />
    </>
  );
}
