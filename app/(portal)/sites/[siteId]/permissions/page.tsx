import type { Metadata } from 'next';
import { LoadError } from '@/components/ui/load-error';
import { notFound } from 'next/navigation';
import { PermissionMatrix } from '@/components/permissions/matrix';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { SearchBox } from '@/components/ui/url-filters';
import { ChoiceFilter, PeopleFilter } from '@/components/people/people-filters';
import { can } from '@/lib/auth/permissions';
import { verifySession } from '@/lib/auth/session';
import { companyOptionsFor } from '@/lib/data/companies';
import { MATRIX_QUERY_DEFAULTS, matrixQuerySchema, siteMatrix } from '@/lib/data/permissions';
import { load } from '@/lib/data/result';
import { positiveInt } from '@/lib/validation/params';
import { toQueryString } from '@/lib/query-string';
import { parseQuery } from '@/lib/validation/query';

export const metadata: Metadata = { title: 'Permissions' };

export default async function SitePermissionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const siteId = positiveInt((await params).siteId) ?? notFound();
  const query = parseQuery(matrixQuerySchema, await searchParams);
  const { search, status, company } = query;
  const operator = await verifySession({ capability: 'permissions:write' });
  const [result, companies] = await Promise.all([
    load(() => siteMatrix(siteId, query)),
    can(operator, 'companies:read') ? companyOptionsFor(operator, siteId) : [],
  ]);
  if (!result.ok) return <LoadError what="permissions" message={result.message} />;
  const data = result.data;
  return (
    <>
      <Breadcrumbs
        trail={[
          { href: '/sites', label: 'Sites' },
          { href: `/sites/${siteId}`, label: data.site.name },
        ]}
        current="Permissions"
      />
      <PageHeader
        title={`Permissions at ${data.site.name}`}
        description={`${data.total} people × ${data.doors.length} doors`}
      />
      <div role="search" aria-label="Filter people" className="mb-4 grid max-w-3xl gap-3 sm:grid-cols-3">
        <SearchBox label="Search people" placeholder="Name, email, phone, employee code" />
        <PeopleFilter name="status" />
        <ChoiceFilter name="company" label="Company" any="Any company" choices={companies} />
      </div>
      {data.people.length === 0 || data.doors.length === 0 ? (
        <Notice>{data.doors.length === 0 ? 'This site has no doors.' : 'Nobody matches these filters.'}</Notice>
      ) : (
        <PermissionMatrix data={data} />
      )}
      <Pagination
        page={data.page}
        perPage={data.perPage}
        total={data.total}
        noun="people"
        hrefFor={(page) =>
          toQueryString(`/sites/${siteId}/permissions`, { search, status, company, page }, MATRIX_QUERY_DEFAULTS)
        }
      />
    </>
  );
}
