import Link from 'next/link';
import { LoadError } from '@/components/ui/load-error';
import { redirect } from 'next/navigation';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { ROLE_LABELS, can, reachesAllSites } from '@/lib/auth/permissions';
import { verifySession } from '@/lib/auth/session';
import { load } from '@/lib/data/result';
import { siteOptionsFor } from '@/lib/data/sites';
import { directoryFreshness } from '@/lib/data/directory-freshness';
import { peopleCountsInScope } from '@/lib/data/people';
import { dashboardFor } from '@/lib/data/dashboard';
import { ActivityDashboard } from '@/components/activity/dashboard';
import { LiveRefresh } from '@/components/ui/live-refresh';
import { dayOf, formatCount, formatTime, relativeTime } from '@/lib/format';
import { portalEnv } from '@/lib/env';
import { navFor } from '@/lib/navigation';
import { Panel } from '@/components/ui/panel';
import { CompanyEnd } from '@/components/companies/company-end';
import { companiesEndingSoon, entriesTodayByCompany } from '@/lib/data/companies';
import { accessEndingSoon } from '@/lib/data/grants';
import { membershipsEndingSoon } from '@/lib/data/groups';
import { reviewsDueSoon } from '@/lib/data/reviews';

export default async function HomePage() {
  const operator = await verifySession();
  // The front desk's day starts at the front desk.
  if (operator.role === 'front_desk') redirect('/front-desk');
  // Door activity counted per door is site-wide: a company admin reads their own people's entries at /activity only.
  const [sites, counts, freshness, dashboard, ending, byCompany, accessEnding, membershipsEnding, reviewsDue] =
    await Promise.all([
      load(() => siteOptionsFor(operator)),
      peopleCountsInScope(operator),
      directoryFreshness(),
      can(operator, 'activity:doors') ? load(() => dashboardFor(operator)) : null,
      can(operator, 'companies:read') ? companiesEndingSoon(operator) : [],
      can(operator, 'companies:read') ? entriesTodayByCompany(operator) : [],
      can(operator, 'permissions:write') ? accessEndingSoon(operator) : [],
      can(operator, 'groups:members') ? membershipsEndingSoon(operator) : [],
      can(operator, 'reviews:read') ? reviewsDueSoon(operator) : [],
    ]);
  const { spintly, display } = portalEnv();
  const count = (n: number) => formatCount(n, display);
  const today = dayOf(freshness.readAt, display.timeZone);
  // Each number links to the list it counts.
  const figures = [
    { label: 'People', value: counts.people, href: '/users' },
    { label: 'Active', value: counts.active, href: '/users?status=active' },
    { label: 'Holding a card', value: counts.withCard, href: '/users?card=yes' },
    { label: 'Access expired', value: counts.expired, href: '/users?expired=yes' },
  ];
  const target = spintly.usesSandbox ? 'the local Spintly sandbox' : new URL(spintly.apiUrl).host;
  return (
    <>
      <PageHeader
        title={`Welcome, ${operator.name}`}
        description={`Signed in as ${ROLE_LABELS[operator.role].toLowerCase()}.`}
      />
      {/* Today's figures follow the doors without a reload. */}
      <LiveRefresh seconds={10} />
      {dashboard === null ? null : dashboard.ok ? (
        <ActivityDashboard data={dashboard.data} display={display} />
      ) : (
        <div className="mb-6">
          <LoadError what="today’s activity" message={dashboard.message} />
        </div>
      )}
      {ending.length > 0 && (
        <Panel aria-labelledby="ending-heading" className="mb-6 p-6">
          <h2 id="ending-heading" className="font-semibold">
            Companies ending within 30 days
          </h2>
          <ul className="mt-3 grid gap-1 text-sm" data-testid="companies-ending">
            {ending.map((company) => (
              <li key={company.id}>
                <Link href={`/companies/${company.id}`} className="font-medium underline">
                  {company.name}
                </Link>{' '}
                ({count(company.members)} {company.members === 1 ? 'person' : 'people'}):{' '}
                <CompanyEnd company={{ ...company, status: 'active' }} />
              </li>
            ))}
          </ul>
        </Panel>
      )}
      {accessEnding.length > 0 && (
        <Panel aria-labelledby="access-ending-heading" className="mb-6 p-6">
          <h2 id="access-ending-heading" className="font-semibold">
            Temporary access ending within 7 days
          </h2>
          <ul className="mt-3 grid gap-1 text-sm" data-testid="access-ending">
            {accessEnding.map((grant) => (
              <li key={grant.id}>
                <Link href={`/users/${grant.personId}`} className="font-medium underline">
                  {grant.personName}
                </Link>
                : {grant.doorName} until {grant.endsText}
              </li>
            ))}
          </ul>
        </Panel>
      )}
      {reviewsDue.length > 0 && (
        <Panel aria-labelledby="reviews-due-heading" className="mb-6 p-6">
          <h2 id="reviews-due-heading" className="font-semibold">
            Access reviews due within 7 days
          </h2>
          <ul className="mt-3 grid gap-1 text-sm" data-testid="reviews-due">
            {reviewsDue.map((r) => (
              <li key={r.id}>
                <Link href={`/reviews/${r.id}`} className="font-medium underline">
                  {r.name}
                </Link>
                : due {r.due}
                {r.overdue && <span className="font-medium text-red-700"> (overdue)</span>} · {r.decided} of {r.items}{' '}
                decided
              </li>
            ))}
          </ul>
        </Panel>
      )}
      {membershipsEnding.length > 0 && (
        <Panel aria-labelledby="memberships-ending-heading" className="mb-6 p-6">
          <h2 id="memberships-ending-heading" className="font-semibold">
            Access group memberships ending within 7 days
          </h2>
          <ul className="mt-3 grid gap-1 text-sm" data-testid="memberships-ending">
            {membershipsEnding.map((m) => (
              <li key={m.id}>
                {m.memberName} in{' '}
                <Link href={`/access-groups/${m.groupId}`} className="font-medium underline">
                  {m.groupName}
                </Link>
                : last day {m.lastDay}
              </li>
            ))}
          </ul>
        </Panel>
      )}
      {byCompany.length > 0 && (
        <Panel aria-labelledby="by-company-heading" className="mb-6 p-6">
          <h2 id="by-company-heading" className="font-semibold">
            Entries today by company
          </h2>
          <ul className="mt-3 grid gap-1 text-sm sm:grid-cols-2" data-testid="entries-by-company">
            {byCompany.map((company) => (
              <li key={company.id}>
                <Link href={`/activity?company=${company.id}&from=${today}`} className="font-medium underline">
                  {company.name}
                </Link>
                : {count(company.entries)} {company.entries === 1 ? 'entry' : 'entries'}
              </li>
            ))}
          </ul>
        </Panel>
      )}
      <Panel aria-labelledby="people-heading" className="mb-6 p-6">
        <h2 id="people-heading" className="font-semibold">
          {reachesAllSites(operator) ? 'People at all sites' : 'People at your sites'}
        </h2>
        <dl className="mt-3 grid grid-cols-2 gap-4 sm:grid-cols-4" data-testid="people-counts">
          {figures.map((f) => (
            <div key={f.label}>
              <dt className="text-sm text-slate-600">{f.label}</dt>
              <dd className="text-2xl font-semibold tabular-nums">
                <Link href={f.href} className="hover:underline">
                  {count(f.value)}
                </Link>
              </dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs text-slate-600">
          {freshness.asOf
            ? `From the portal’s copy of Spintly’s people, as of ${formatTime(freshness.asOf, display)} (${relativeTime(freshness.asOf, freshness.readAt)}); counted ${relativeTime(counts.countedAt, freshness.readAt)}.`
            : 'The portal has not read Spintly’s people yet.'}
        </p>
      </Panel>
      <div className="grid gap-6 md:grid-cols-2">
        <Panel aria-labelledby="sites-heading" className="p-6">
          <h2 id="sites-heading" className="font-semibold">
            {reachesAllSites(operator) ? 'All sites' : 'Your sites'}
          </h2>
          {sites.ok ? (
            sites.data.length > 0 ? (
              <ul className="mt-3 space-y-1 text-sm">
                {sites.data.map((site) => (
                  <li key={site.id}>
                    <span className="font-medium">{site.name}</span>
                    {site.location && <span className="text-slate-600"> · {site.location}</span>}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-3 text-sm text-slate-600">No sites are assigned to you yet. Ask a super admin.</p>
            )
          ) : (
            <div className="mt-3">
              <Notice tone="error">{sites.message}</Notice>
            </div>
          )}
        </Panel>
        <Panel aria-labelledby="work-heading" className="p-6">
          <h2 id="work-heading" className="font-semibold">
            What you can do here
          </h2>
          <ul className="mt-3 space-y-1 text-sm">
            {navFor(operator).map((item) => (
              <li key={item.href}>
                <Link className="text-indigo-700 underline-offset-2 hover:underline" href={item.href}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
          <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm text-slate-600">
            <dt>Connected to</dt>
            <dd data-testid="spintly-target">{target}</dd>
            <dt>Organisation</dt>
            <dd>{spintly.orgId}</dd>
          </dl>
        </Panel>
      </div>
    </>
  );
}
