import type { Metadata } from 'next';
import { ChosenPeopleList, LeftOutNotice } from '@/components/people/chosen-people';
import { OffboardListForm } from '@/components/people/offboard-list-form';
import { StartJobButton } from '@/components/jobs/start-job-button';
import { offboardPeopleAction } from '@/lib/actions/people/offboard-people';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { peopleCrumb } from '@/lib/navigation';
import { offboardPage } from '@/lib/data/offboard';

export const metadata: Metadata = { title: 'Offboard' };

/** `/users/offboard?ids=1,2,3`: who will be offboarded, and what that does, before it is done. */
export default async function OffboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { operator, people, missing, unmatched, deleteAfterDays } = await offboardPage(await searchParams);
  const title = `Offboarding of ${people.length === 1 ? people[0]!.name : `${people.length} people`}`;
  return (
    <>
      <Breadcrumbs trail={[peopleCrumb(operator)]} current="Offboard" />
      <PageHeader
        title="Offboard"
        description={`Takes back each person’s card, removes every door (pending changes too) and deactivates them.${
          deleteAfterDays
            ? ` ${deleteAfterDays} days later they are deleted from Spintly, unless activated again before then.`
            : ''
        }`}
      />
      <LeftOutNotice missing={missing} />
      {unmatched > 0 && (
        <div className="mb-4">
          <Notice tone="warning">
            {unmatched} {unmatched === 1 ? 'entry matches' : 'entries match'} nobody at your sites.
          </Notice>
        </div>
      )}
      {people.length === 0 ? (
        <div className="flex flex-col gap-4">
          <Notice>Nobody chosen yet. Select people on the People page, or find them from a list here.</Notice>
          <OffboardListForm />
        </div>
      ) : (
        <div className="flex flex-col gap-4">
          <ChosenPeopleList label="People to offboard" people={people} showCard />
          <div>
            <StartJobButton
              action={offboardPeopleAction}
              input={{ userIds: people.map((p) => p.id) }}
              label={`Offboard ${people.length} ${people.length === 1 ? 'person' : 'people'}`}
              title={title}
              total={people.length}
            />
          </div>
        </div>
      )}
    </>
  );
}
