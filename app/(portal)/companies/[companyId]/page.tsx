import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CompanyEnd } from '@/components/companies/company-end';
import { ReactivateCompany } from '@/components/companies/reactivate-company';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { buttonVariants } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { DataTable, Td } from '@/components/ui/table';
import { can } from '@/lib/auth/permissions';
import { companyPage } from '@/lib/data/companies';
import { portalEnv } from '@/lib/env';
import { formatCount, showDay } from '@/lib/format';
import { queryFields } from '@/lib/validation/query';

export const metadata: Metadata = { title: 'Company' };

/** `/companies/[id]`: who works there, which doors they may be given, when their access ends, last week at the doors. */
export default async function CompanyPage({ params }: { params: Promise<{ companyId: string }> }) {
  const id = queryFields.id.parse((await params).companyId);
  if (id === undefined) notFound();
  const { operator, company, members, memberCount, eventsLastWeek, admins } = await companyPage(id);
  const { display } = portalEnv();
  const facts: [string, React.ReactNode][] = [
    ['Status', company.status === 'ended' ? 'Ended' : 'Active'],
    ['Access from', showDay(company.validFrom)],
    ['Access ends', <CompanyEnd key="end" company={company} />],
    ['Sites', company.sites.map((s) => s.name).join(', ')],
    ['Spintly value', company.termName ?? 'None (members kept in the portal)'],
    ['Contact', [company.contactName, company.contactEmail, company.contactPhone].filter(Boolean).join(' · ') || '—'],
    ['Door events, last 7 days', formatCount(eventsLastWeek, display)],
  ];
  return (
    <>
      <Breadcrumbs trail={[{ href: '/companies', label: 'Companies' }]} current={company.name} />
      <PageHeader
        title={company.name}
        description={company.notes ?? undefined}
        actions={
          can(operator, 'companies:write') && (
            <>
              <Link href={`/companies/${company.id}/edit`} className={buttonVariants('secondary')}>
                Edit
              </Link>
              {company.status === 'active' && can(operator, 'people:manage') && (
                <Link href={`/companies/${company.id}/offboard`} className={buttonVariants('danger')}>
                  End now…
                </Link>
              )}
              {company.status === 'ended' && <ReactivateCompany companyId={company.id} name={company.name} />}
            </>
          )
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel className="p-6">
          <h2 className="mb-3 font-semibold">Details</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-600">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </Panel>
        <Panel className="p-6">
          <h2 className="mb-3 font-semibold">Door envelope ({company.doors.length})</h2>
          {company.doors.length === 0 ? (
            <p className="text-sm text-slate-700">No doors yet: its people cannot be given any door.</p>
          ) : (
            <ul className="grid gap-1 text-sm sm:grid-cols-2" aria-label="Door envelope">
              {company.doors.map((door) => (
                <li key={door.id}>{door.name}</li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
      <Panel className="mt-6 p-6" aria-labelledby="admins-heading">
        <div className="mb-2 flex items-baseline justify-between">
          <h2 id="admins-heading" className="font-semibold">
            Company admins ({admins.length})
          </h2>
          {can(operator, 'operators:manage') && company.status === 'active' && (
            <Link href={`/operators?company=${company.id}`} className="text-sm underline">
              Add a company admin
            </Link>
          )}
        </div>
        {admins.length === 0 ? (
          <p className="text-sm text-slate-700">
            Nobody at {company.name} manages its people yet: the building’s admins do.
          </p>
        ) : (
          <ul className="grid gap-1 text-sm sm:grid-cols-2" aria-label="Company admins">
            {admins.map((admin) => (
              <li key={admin.id}>
                {admin.name} <span className="text-slate-600">· {admin.email}</span>
                {!admin.active && <span className="text-slate-600"> · disabled</span>}
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <section className="mt-6" aria-labelledby="members-heading">
        <div className="mb-2 flex items-baseline justify-between">
          <h2 id="members-heading" className="font-semibold">
            Members ({formatCount(memberCount, display)})
          </h2>
          {memberCount > members.length && (
            <Link href={`/users?company=${company.id}`} className="text-sm underline">
              All {formatCount(memberCount, display)} on People
            </Link>
          )}
        </div>
        {members.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
            No members yet.{' '}
            {company.termName
              ? `People holding “${company.termName}” in Spintly join at the next sync.`
              : 'Set their company on their page.'}
          </p>
        ) : (
          <DataTable caption={`Members of ${company.name}`} headers={['Name', 'Email', 'Home site', 'Card', 'Status']}>
            {members.map((m) => (
              <tr key={m.id} data-testid="member-row">
                <Td>
                  <Link href={`/users/${m.id}`} className="font-medium underline">
                    {m.name}
                  </Link>
                </Td>
                <Td>{m.email ?? '—'}</Td>
                <Td>{m.homeSiteName ?? '—'}</Td>
                <Td>{m.card ?? '—'}</Td>
                <Td>{m.active ? 'Active' : 'Inactive'}</Td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
