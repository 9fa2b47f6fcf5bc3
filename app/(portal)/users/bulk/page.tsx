import type { Metadata } from 'next';
import { StartJobButton } from '@/components/jobs/start-job-button';
import { ChosenPeopleList, LeftOutNotice } from '@/components/people/chosen-people';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { bulkByFilterAction } from '@/lib/actions/people/bulk-by-filter';
import { bulkSelectionAction } from '@/lib/actions/people/bulk-by-selection';
import { bulkPage } from '@/lib/data/bulk';
import { portalEnv } from '@/lib/env';
import { formatCount } from '@/lib/format';
import { peopleCrumb } from '@/lib/navigation';

export const metadata: Metadata = { title: 'Change several people' };

const people = (n: number, count: string) => `${count} ${n === 1 ? 'person' : 'people'}`;

/**
 * `/users/bulk?action=deactivate&ids=1,2,3` (a selection on /users) or `&<the /users filter>` (everyone matching):
 * who or how many, what it does, then one button that starts the job.
 */
export default async function BulkPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const page = await bulkPage(await searchParams);
  const { operator, action, words } = page;
  const variant = action === 'activate' ? 'primary' : 'danger';
  if (page.selection) {
    const { people: chosen, missing } = page.selection;
    const label = `${words.verb} ${people(chosen.length, formatCount(chosen.length, portalEnv().display))}`;
    return (
      <>
        <Breadcrumbs trail={[peopleCrumb(operator)]} current={`${words.verb} the selected people`} />
        <PageHeader title={`${words.verb} the selected people`} description={words.explain} />
        <LeftOutNotice missing={missing} />
        {chosen.length === 0 ? (
          <Notice>Nobody chosen. Select people on the People page first.</Notice>
        ) : (
          <div className="flex flex-col gap-4">
            <ChosenPeopleList label="People chosen" people={chosen} />
            <div>
              <StartJobButton
                action={bulkSelectionAction}
                input={{ action, userIds: chosen.map((p) => p.id) }}
                label={label}
                title={label}
                total={chosen.length}
                variant={variant}
              />
            </div>
          </div>
        )}
      </>
    );
  }
  const { filter, total, described } = page;
  const count = formatCount(total, portalEnv().display);
  return (
    <>
      <Breadcrumbs trail={[peopleCrumb(operator)]} current={`${words.verb} everyone matching`} />
      <PageHeader title={`${words.verb} everyone matching this filter`} description={described} />
      {total === 0 ? (
        <Notice>Nobody matches this filter.</Notice>
      ) : (
        <div className="flex flex-col gap-4">
          <p className="text-sm" data-testid="bulk-count">
            {count} {total === 1 ? 'person matches' : 'people match'}. {words.explain}
          </p>
          <div>
            <StartJobButton
              action={bulkByFilterAction}
              input={{ action, filter, expected: total }}
              label={`${words.verb} ${people(total, count)}`}
              title={`${words.verb} ${people(total, count)} matching a filter`}
              total={total}
              variant={variant}
            />
          </div>
        </div>
      )}
    </>
  );
}
