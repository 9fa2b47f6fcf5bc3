import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AddMembers } from '@/components/groups/add-members';
import { GroupJob } from '@/components/groups/group-job';
import { ChangeMemberEnd, RemoveMember, RepairGroup } from '@/components/groups/member-actions';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { buttonVariants } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { DataTable, Td } from '@/components/ui/table';
import { groupJob, groupPage, MEMBER_ROWS } from '@/lib/data/groups';
import type { MemberDoorState } from '@/lib/groups/state';
import { queryFields } from '@/lib/validation/query';

export const metadata: Metadata = { title: 'Access group' };

const STATE_TEXT: Record<MemberDoorState, string> = {
  assigned: 'Assigned',
  pending: 'Pending',
  scheduled: 'Scheduled',
  failed: 'Failed',
  missing: 'Missing',
};
const STATE_CLASS: Record<MemberDoorState, string> = {
  assigned: 'text-emerald-800',
  pending: 'text-amber-800',
  scheduled: 'text-slate-700',
  failed: 'font-semibold text-red-700',
  missing: 'font-semibold text-red-700',
};

/**
 * `/access-groups/[id]`: the group's doors with how many members hold each, its members (people and companies) with
 * their windows, and each person's state per door — drift first, with Repair.
 */
export default async function AccessGroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ groupId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const id = queryFields.id.parse((await params).groupId);
  if (id === undefined) notFound();
  const page = await groupPage(id);
  const job = await groupJob(page.operator, (await searchParams).job);
  const { group } = page;
  return (
    <>
      <Breadcrumbs trail={[{ href: '/access-groups', label: 'Access groups' }]} current={group.name} />
      <PageHeader
        title={group.name}
        description={group.description ?? undefined}
        actions={
          page.mayEdit && (
            <Link href={`/access-groups/${group.id}/edit`} className={buttonVariants('secondary')}>
              Edit
            </Link>
          )
        }
      />
      {job && (
        <div className="mb-6">
          <GroupJob key={job.id} job={job} />
        </div>
      )}
      {page.unread.length > 0 && (
        <Notice tone="error" title="Spintly did not answer for some doors">
          {page.unread.join(', ')}: their members’ states are not shown. Reload the page to try again.
        </Notice>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel className="p-6">
          <h2 className="mb-3 font-semibold">Doors ({group.doors.length})</h2>
          <ul className="flex flex-col gap-1 text-sm" aria-label="Doors of the group">
            {group.doors.map((door) => (
              <li key={door.id} data-testid="group-door">
                <Link href={`/sites/${door.siteId}/doors/${door.id}`} className="font-medium underline">
                  {door.name}
                </Link>{' '}
                <span className="text-slate-600">· {door.siteName}</span>
                {door.counts && (
                  <span className="text-slate-600">
                    {' '}
                    · {door.counts.assigned} assigned, {door.counts.pending} pending
                    {door.counts.scheduled > 0 && `, ${door.counts.scheduled} scheduled`}
                    {door.counts.missing + door.counts.failed > 0 && (
                      <strong className="text-red-700">, {door.counts.missing + door.counts.failed} missing</strong>
                    )}
                  </span>
                )}
              </li>
            ))}
          </ul>
          <p className="mt-3 text-xs text-slate-600">Created by {group.createdText}.</p>
        </Panel>
        <Panel className="p-6" aria-labelledby="memberships-heading">
          <h2 id="memberships-heading" className="mb-3 font-semibold">
            Members ({page.memberships.length})
          </h2>
          {page.memberships.length === 0 ? (
            <p className="text-sm text-slate-700">Nobody yet. Add people or companies below.</p>
          ) : (
            <ul className="flex flex-col gap-2 text-sm" aria-label="Members of the group">
              {page.memberships.map((m) => (
                <li key={m.id} className="flex items-center justify-between gap-2" data-testid="membership">
                  <span>
                    <Link href={m.href} className="font-medium underline">
                      {m.name}
                    </Link>{' '}
                    <span className="text-slate-600">
                      · {m.kind === 'company' ? 'Company' : 'Person'} · {m.window} · added by {m.addedText}
                    </span>
                  </span>
                  {page.mayAddMembers && (
                    <span className="flex shrink-0 gap-2">
                      <ChangeMemberEnd
                        groupId={group.id}
                        membershipId={m.id}
                        member={m.personId !== null ? { personId: m.personId } : { companyId: m.companyId! }}
                        name={m.name}
                        until={m.untilDay}
                      />
                      <RemoveMember
                        groupId={group.id}
                        membershipId={m.id}
                        member={m.personId !== null ? { personId: m.personId } : { companyId: m.companyId! }}
                        name={m.name}
                      />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
      {page.mayAddMembers && (
        <div className="mt-6">
          <AddMembers
            groupId={group.id}
            companies={page.companyChoices}
            excludePeople={page.memberships.flatMap((m) => (m.personId === null ? [] : [m.personId]))}
          />
        </div>
      )}
      <section className="mt-6" aria-labelledby="states-heading">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="states-heading" className="font-semibold">
            Who has what ({page.memberTotal.toLocaleString('en-IN')} {page.memberTotal === 1 ? 'person' : 'people'})
          </h2>
          {page.driftCount + page.leftoverCount > 0 && page.mayEdit && (
            <RepairGroup groupId={group.id} count={page.driftCount + page.leftoverCount} />
          )}
        </div>
        {page.driftCount > 0 && (
          <p className="mb-2 text-sm text-red-700" data-testid="drift">
            {page.driftCount.toLocaleString('en-IN')} {page.driftCount === 1 ? 'member is' : 'members are'} missing a
            door this group gives (changed outside the portal, a failed change, or new in a member company — those get
            it within 10 minutes by themselves).
          </p>
        )}
        {page.leftoverCount > 0 && (
          <p className="mb-2 text-sm text-red-700" data-testid="leftovers">
            {page.leftoverCount.toLocaleString('en-IN')} {page.leftoverCount === 1 ? 'person' : 'people'} removed from
            this group (or from one of its doors) still {page.leftoverCount === 1 ? 'holds' : 'hold'} what it gave:
            taking it back did not finish. Repair tries again.
          </p>
        )}
        {page.members.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
            No one to show yet.
          </p>
        ) : (
          <>
            <DataTable caption={`Members of ${group.name} and their doors`} headers={['Person', ...page.doorHeaders]}>
              {page.members.map((member) => (
                <tr key={member.personId} data-testid="member-state">
                  <Td>
                    <Link href={`/users/${member.personId}/permissions`} className="font-medium underline">
                      {member.name}
                    </Link>
                    {member.failure && <p className="text-xs text-red-700">{member.failure}</p>}
                  </Td>
                  {member.states.map((state, i) => (
                    <Td key={page.doorHeaders[i]}>
                      <span className={STATE_CLASS[state]}>{STATE_TEXT[state]}</span>
                    </Td>
                  ))}
                </tr>
              ))}
            </DataTable>
            {page.memberTotal > page.members.length && (
              <p className="mt-2 text-xs text-slate-600">
                The first {MEMBER_ROWS} shown, those missing a door first; the counts beside each door cover everyone.
              </p>
            )}
          </>
        )}
      </section>
    </>
  );
}
