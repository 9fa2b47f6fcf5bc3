import type { Metadata } from 'next';
import { CardDesk } from '@/components/front-desk/card-desk';
import { FrontDeskSearch } from '@/components/front-desk/front-desk-search';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { verifySession } from '@/lib/auth/session';
import { portalEnv } from '@/lib/env';
import { formatDate } from '@/lib/format';
import { personPage } from '@/lib/data/person';
import { load } from '@/lib/data/result';
import { positiveInt, singleParam } from '@/lib/validation/params';
import { Panel } from '@/components/ui/panel';
import { DoorChips, signedUpText } from '@/components/people/person-summary';

export const metadata: Metadata = { title: 'Front desk' };

export default async function FrontDeskPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await verifySession({ capability: 'cards:write' });
  const params = await searchParams;
  const personId = positiveInt(singleParam(params.person));
  const found = personId ? await load(() => personPage(personId)) : null;
  const person = found?.ok ? found.data.person : null;
  return (
    <>
      <PageHeader title="Front desk" description="Find a person, then issue, replace or take back their card." />
      <div className="grid gap-4 lg:grid-cols-[2fr_3fr] lg:gap-6">
        <FrontDeskSearch initial={singleParam(params.q)} pickedId={person?.id} />
        <div className="flex flex-col gap-4">
          {!found && (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
              Search for someone to see their card and doors.
            </p>
          )}
          {found && !found.ok && <Notice tone="error">{found.message}</Notice>}
          {found?.ok && person && (
            <>
              <Panel aria-labelledby="person-heading" className="p-4 sm:p-6">
                <h2 id="person-heading" className="text-xl font-semibold">
                  {person.name}
                </h2>
                <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
                  <dt className="text-slate-600">Home site</dt>
                  <dd>{person.homeSiteName}</dd>
                  <dt className="text-slate-600">Contact</dt>
                  <dd>{[person.employeeCode, person.phone ?? person.email].filter(Boolean).join(' · ') || '—'}</dd>
                  <dt className="text-slate-600">Status</dt>
                  <dd>{person.active ? 'Active' : 'Inactive — no door opens for them'}</dd>
                  <dt className="text-slate-600">Access expires</dt>
                  <dd>
                    {person.accessExpiresAt
                      ? `${formatDate(person.accessExpiresAt, portalEnv().display)}${person.accessExpired ? ' (expired)' : ''}`
                      : 'Never'}
                  </dd>
                  <dt className="text-slate-600">Spintly app</dt>
                  <dd data-testid="signed-up">{signedUpText(person.isSignedUp)}</dd>
                </dl>
              </Panel>
              <CardDesk key={person.id} userId={person.id} name={person.name} card={person.card} />
              <Panel aria-labelledby="doors-heading" className="p-4 sm:p-6">
                <h3 id="doors-heading" className="text-sm font-semibold">
                  Doors they can open
                </h3>
                <DoorChips doors={found.data.doors} />
              </Panel>
            </>
          )}
        </div>
      </div>
    </>
  );
}
