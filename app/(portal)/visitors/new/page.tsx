import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';
import { VisitorForm } from '@/components/visitors/visitor-form';
import { newVisitorPage } from '@/lib/data/visitors';
import { parseQuery, queryFields } from '@/lib/validation/query';
import { z } from 'zod';

export const metadata: Metadata = { title: 'Register a visitor' };

/** `/visitors/new?site=`: the registration form for one of the operator's sites. */
export default async function NewVisitorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { site: siteId } = parseQuery(z.object({ site: queryFields.id }), await searchParams);
  const { sites, site, doors, defaults, maxHours, lendsCards, notice } = await newVisitorPage(siteId);
  return (
    <>
      <Breadcrumbs trail={[{ href: '/visitors', label: 'Visitors' }]} current="Register" />
      <PageHeader title="Register a visitor" description="A pass to the doors they need, for the time they are here." />
      {sites.length > 1 && site && (
        <nav aria-label="Site" className="mb-4 flex flex-wrap gap-2 text-sm">
          {sites.map((s) => (
            <Link
              key={s.id}
              href={`/visitors/new?site=${s.id}`}
              aria-current={s.id === site.id ? 'page' : undefined}
              className={`rounded-full px-3 py-1 ring-1 ${s.id === site.id ? 'bg-indigo-600 text-white ring-indigo-600' : 'bg-white ring-slate-300'}`}
            >
              {s.name}
            </Link>
          ))}
        </nav>
      )}
      {site ? (
        <VisitorForm
          key={site.id}
          site={site}
          doors={doors}
          defaults={defaults}
          maxHours={maxHours}
          lendsCards={lendsCards}
          notice={notice}
        />
      ) : (
        <p className="text-sm text-slate-700">You have no sites yet. Ask a super admin to give you one.</p>
      )}
    </>
  );
}
