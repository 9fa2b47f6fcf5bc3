import type { Metadata } from 'next';
import { StartJobButton } from '@/components/jobs/start-job-button';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { bulkByFilterAction } from '@/lib/actions/people/bulk-by-filter';
import { bulkPage } from '@/lib/data/bulk';
import { portalEnv } from '@/lib/env';
import { formatCount } from '@/lib/format';
import { peopleCrumb } from '@/lib/navigation';

export const metadata: Metadata = { title: 'Change everyone matching' };

/** `/users/bulk?action=deactivate&<the /users filter>`: how many people it is, what it does, then one button. */
export default async function BulkPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { operator, action, words, filter, total, described } = await bulkPage(await searchParams);
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
              label={`${words.verb} ${count} ${total === 1 ? 'person' : 'people'}`}
              title={`${words.verb} ${count} ${total === 1 ? 'person' : 'people'} matching a filter`}
              total={total}
              variant={action === 'activate' ? 'primary' : 'danger'}
            />
          </div>
        </div>
      )}
    </>
  );
}
