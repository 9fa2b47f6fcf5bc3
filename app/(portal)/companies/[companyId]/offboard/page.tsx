import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { StartJobButton } from '@/components/jobs/start-job-button';
import { ChosenPeopleList } from '@/components/people/chosen-people';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { offboardCompanyAction } from '@/lib/actions/companies/offboard-company';
import { can } from '@/lib/auth/permissions';
import { companyOffboardPage } from '@/lib/data/companies';
import { queryFields } from '@/lib/validation/query';

export const metadata: Metadata = { title: 'End a company' };

/** `/companies/[id]/offboard`: what ending a company now does, before it is done. */
export default async function CompanyOffboardPage({ params }: { params: Promise<{ companyId: string }> }) {
  const id = queryFields.id.parse((await params).companyId);
  if (id === undefined) notFound();
  const { operator, company, people, cards } = await companyOffboardPage(id);
  return (
    <>
      <Breadcrumbs
        trail={[
          { href: '/companies', label: 'Companies' },
          { href: `/companies/${company.id}`, label: company.name },
        ]}
        current="End now"
      />
      <PageHeader
        title={`End ${company.name} now`}
        description="Every member loses access: their card is taken back, every door (pending changes too) is removed, and they are deactivated. The company is marked ended. Activating it again later gives nothing back."
      />
      {company.status === 'ended' ? (
        <Notice>{company.name} has already ended.</Notice>
      ) : !can(operator, 'people:manage') ? (
        <Notice>Ask a site admin to end this company.</Notice>
      ) : (
        <div className="flex flex-col gap-4">
          <p className="text-sm text-slate-700">
            {people.length} {people.length === 1 ? 'person' : 'people'}; {cards} {cards === 1 ? 'card' : 'cards'} to
            collect.
          </p>
          {people.length > 0 && <ChosenPeopleList label="Members to offboard" people={people} showCard />}
          <div>
            <StartJobButton
              action={offboardCompanyAction}
              input={{ companyId: company.id }}
              label={`End ${company.name} and offboard ${people.length} ${people.length === 1 ? 'person' : 'people'}`}
              title={`Offboard ${company.name}`}
              total={people.length}
            />
          </div>
        </div>
      )}
    </>
  );
}
