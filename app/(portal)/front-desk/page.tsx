import type { Metadata } from 'next';
import { CardDesk } from '@/components/front-desk/card-desk';
import { FrontDeskSearch } from '@/components/front-desk/front-desk-search';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { verifySession } from '@/lib/auth/session';
import { portalEnv } from '@/lib/env';
import { formatDate } from '@/lib/format';
import { personPage } from '@/lib/data/people';
import { load } from '@/lib/data/result';
import { positiveInt, singleParam } from '@/lib/validation/params';
import { Panel } from '@/components/ui/panel';

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
  return (
    <>
      <PageHeader title="Front desk" description="Find a person, then issue, replace or take back their card." />
      <div className="grid gap-6 lg:grid-cols-[2fr_3fr]">
        <FrontDeskSearch initial={singleParam(params.q)} />
        <div className="flex flex-col gap-6">
          {!found && (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
              Search for someone to see their card and doors.
            </p>
          )}
          {found && !found.ok && <Notice tone="error">{found.message}</Notice>}
          {found?.ok && (
            <>
              <Panel aria-labelledby="person-heading" className="p-6">
                <h2 id="person-heading" className="text-xl font-semibold">
                  {found.data.person.name}
                </h2>
                <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
                  <dt className="text-slate-600">Status</dt>
                  <dd>{found.data.person.active ? 'Active' : 'Inactive — no door opens for them'}</dd>
                  <dt className="text-slate-600">Access expires</dt>
                  <dd>
                    {found.data.person.accessExpiresAt
                      ? `${formatDate(found.data.person.accessExpiresAt, portalEnv().display)}${found.data.person.accessExpired ? ' (expired)' : ''}`
                      : 'Never'}
                  </dd>
                  <dt className="text-slate-600">Contact</dt>
                  <dd>{found.data.person.phone ?? found.data.person.email ?? '—'}</dd>
                </dl>
                <h3 className="mt-4 text-sm font-semibold">Doors they can open here</h3>
                <ul className="mt-1 flex flex-wrap gap-2 text-sm" aria-label="Doors">
                  {found.data.doors
                    .filter((d) => d.state !== 'not_assigned')
                    .map((d) => (
                      <li
                        key={d.id}
                        className={`rounded-full px-3 py-1 ${d.state === 'assigned' ? 'bg-green-50 text-green-800' : 'bg-amber-50 text-amber-800'}`}
                      >
                        {d.name}
                        {d.state === 'pending' && ' (pending)'}
                      </li>
                    ))}
                  {found.data.doors.every((d) => d.state === 'not_assigned') && (
                    <li className="text-slate-600">None</li>
                  )}
                </ul>
              </Panel>
              <CardDesk
                key={found.data.person.id}
                userId={found.data.person.id}
                name={found.data.person.name}
                card={found.data.person.card}
              />
            </>
          )}
        </div>
      </div>
    </>
  );
}
