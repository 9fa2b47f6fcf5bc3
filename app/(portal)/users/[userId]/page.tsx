import type { Metadata } from 'next';
import { LoadError } from '@/components/ui/load-error';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PendingSince } from '@/components/doors/pending-since';
import { CardDesk } from '@/components/front-desk/card-desk';
import { signedUpText } from '@/components/people/person-summary';
import { buttonVariants } from '@/components/ui/button';
import { PersonActions } from '@/components/people/person-actions';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { portalEnv } from '@/lib/env';
import { formatDate } from '@/lib/format';
import { peopleCrumb } from '@/lib/navigation';
import { personPage, type DoorAccess } from '@/lib/data/person';
import { load } from '@/lib/data/result';
import { positiveInt } from '@/lib/validation/params';
import { ACCESS_MODES } from '@/lib/validation/people';
import { Panel } from '@/components/ui/panel';
import { Suspense } from 'react';
import { RecentActivity } from '@/components/activity/recent-activity';
import { nameFor, namesById } from '@/lib/core/names';
import { TemporaryAccess } from '@/components/permissions/temporary-access';
import { temporaryAccessFacts, temporaryAccessView } from '@/lib/data/grants';
import { preloadRecentActivity } from '@/lib/data/activity';
import { verifySession } from '@/lib/auth/session';
import { settledLater } from '@/lib/core/settled-later';

export const metadata: Metadata = { title: 'Person' };

const STATE_LABEL: Record<DoorAccess['state'], string> = {
  assigned: 'Can open',
  pending: 'Pending',
  not_assigned: 'No access',
};

export default async function PersonPage({ params }: { params: Promise<{ userId: string }> }) {
  const userId = positiveInt((await params).userId) ?? notFound();
  const viewer = await verifySession({ capability: 'people:read' });
  // What comes from the portal's own tables is read while Spintly answers for the person, not after; none of it is
  // shown unless the person is found in the operator's scope.
  if (can(viewer, 'activity:read')) preloadRecentActivity({ person: userId });
  const temporaryFacts = can(viewer, 'permissions:write') ? settledLater(temporaryAccessFacts(userId)) : null;
  const result = await load(() => personPage(userId));
  if (!result.ok) return <LoadError what="this person" message={result.message} />;
  const { operator, person, doors, sites, readAt } = result.data;
  const { display } = portalEnv();
  const siteName = namesById(sites);
  const counts = { assigned: 0, pending: 0, not_assigned: 0 };
  for (const d of doors) counts[d.state]++;
  // The profile lists what the person can open or is waiting for; the doors they cannot open are only counted here
  // (there can be hundreds) and listed on the "Change doors" page.
  const reachable = doors.filter((d) => d.state !== 'not_assigned');
  const temporary = temporaryFacts ? temporaryAccessView(await temporaryFacts, doors, sites) : null;
  return (
    <>
      <Breadcrumbs trail={[peopleCrumb(operator)]} current={person.name} />
      <PageHeader
        title={person.name}
        description={`${person.homeSiteName} · ${person.roles.join(', ')}`}
        actions={
          can(operator, 'people:write') && (
            <>
              <PersonActions userId={person.id} name={person.name} active={person.active} />
              <Link href={`/users/offboard?ids=${person.id}`} className={buttonVariants('secondary')}>
                Offboard…
              </Link>
            </>
          )
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_2fr]">
        <div className="flex flex-col gap-6">
          <Panel aria-labelledby="profile-heading" className="p-6">
            <h2 id="profile-heading" className="font-semibold">
              Profile
            </h2>
            <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-slate-600">Status</dt>
              <dd data-testid="person-status">
                {person.active
                  ? 'Active'
                  : `Inactive since ${person.deactivatedOn ? formatDate(person.deactivatedOn, display) : '—'}`}
              </dd>
              <dt className="text-slate-600">Email</dt>
              <dd>{person.email ?? '—'}</dd>
              <dt className="text-slate-600">Phone</dt>
              <dd>{person.phone ?? '—'}</dd>
              <dt className="text-slate-600">Employee code</dt>
              <dd>{person.employeeCode ?? '—'}</dd>
              <dt className="text-slate-600">Card</dt>
              <dd>{person.card ?? 'No card'}</dd>
              <dt className="text-slate-600">Access expires</dt>
              <dd>
                {person.accessExpiresAt
                  ? `${formatDate(person.accessExpiresAt, display)}${person.accessExpired ? ' (expired)' : ''}`
                  : 'Never'}
              </dd>
              <dt className="text-slate-600">Opens doors by</dt>
              <dd>
                {ACCESS_MODES.filter((m) => person.access[m.key])
                  .map((m) => m.label)
                  .join(', ') || 'nothing enabled'}
              </dd>
              <dt className="text-slate-600">Spintly app</dt>
              <dd data-testid="signed-up">{signedUpText(person.isSignedUp)}</dd>
            </dl>
          </Panel>
          {can(operator, 'cards:write') && (
            // The front desk's card flow, here for admins who are already looking at the person.
            <CardDesk userId={person.id} name={person.name} card={person.card} focusOnOpen={false} />
          )}
        </div>
        <Panel aria-labelledby="doors-heading" className="p-6">
          <h2 id="doors-heading" className="font-semibold">
            Doors
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            {counts.assigned} can open · {counts.pending} pending · {counts.not_assigned} no access ·{' '}
            <Link href={`/users/${person.id}/permissions`} className="text-indigo-700 underline">
              Change doors
            </Link>
          </p>
          {doors.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600">No doors at your sites.</p>
          ) : reachable.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600">
              {person.name} cannot open any door at your sites, and nothing is pending.
            </p>
          ) : (
            <table className="mt-3 w-full text-left text-sm">
              <caption className="sr-only">Doors of {person.name}</caption>
              <thead className="text-slate-700">
                <tr>
                  <th scope="col" className="py-1 font-medium">
                    Door
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    Site
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    Access
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {reachable.map((door) => (
                  <tr key={door.id} data-state={door.state}>
                    <td className="py-1.5">{door.name}</td>
                    <td className="py-1.5 text-slate-600">{nameFor(siteName, 'site', door.siteId)}</td>
                    <td
                      className={`py-1.5 ${door.state === 'assigned' ? 'text-green-800' : door.state === 'pending' ? 'text-amber-800' : 'text-slate-500'}`}
                    >
                      {door.state === 'pending'
                        ? door.pendingAction === 'revoke'
                          ? 'Removal pending'
                          : 'Access pending'
                        : STATE_LABEL[door.state]}{' '}
                      {door.pendingSince && <PendingSince since={door.pendingSince} now={readAt} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      </div>
      {temporary && <TemporaryAccess userId={person.id} personName={person.name} grants={temporary} />}
      {can(operator, 'activity:read') && (
        <Suspense fallback={<p className="mt-6 text-sm text-slate-600">Loading recent activity…</p>}>
          <RecentActivity subject={{ person: person.id }} />
        </Suspense>
      )}
    </>
  );
}
