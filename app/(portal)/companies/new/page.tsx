import type { Metadata } from 'next';
import { CompanyForm } from '@/components/companies/company-form';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';
import { companyFormOptions } from '@/lib/data/companies';
import { showDay } from '@/lib/format';

export const metadata: Metadata = { title: 'Add a company' };

/** `/companies/new`: a client company at the operator's sites. */
export default async function NewCompanyPage() {
  const { today, ...options } = await companyFormOptions();
  return (
    <>
      <Breadcrumbs trail={[{ href: '/companies', label: 'Companies' }]} current="Add" />
      <PageHeader
        title="Add a company"
        description="A company renting space: its sites, the doors its people may be given, and its dates."
      />
      {options.sites.length === 0 ? (
        <p className="text-sm text-slate-700">You have no sites yet. Ask a super admin to give you one.</p>
      ) : (
        <CompanyForm
          options={options}
          defaults={{
            name: '',
            validFrom: showDay(today),
            validUntil: '',
            siteIds: options.sites.length === 1 ? [String(options.sites[0]!.id)] : [],
            doorIds: [],
            termId: '',
            contactName: '',
            contactEmail: '',
            contactPhone: '',
            notes: '',
          }}
        />
      )}
    </>
  );
}
