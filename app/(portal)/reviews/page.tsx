import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { DataTable, Td } from '@/components/ui/table';
import { reviewsListPage } from '@/lib/data/reviews';

export const metadata: Metadata = { title: 'Access reviews' };

/** `/reviews`: the access review campaigns the operator started or reviews, open ones first. */
export default async function ReviewsPage() {
  const { rows, canStart } = await reviewsListPage();
  return (
    <>
      <PageHeader
        title="Access reviews"
        description="Check, now and then, that everyone who can open a door should: a review freezes who can, its reviewers keep or revoke each, and its evidence is kept for your auditors."
        actions={
          canStart && (
            <Link href="/reviews/new" className={buttonVariants('primary')}>
              New review
            </Link>
          )
        }
      />
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
          No access reviews yet.{' '}
          {canStart && (
            <Link href="/reviews/new" className="underline">
              Start one
            </Link>
          )}
        </p>
      ) : (
        <DataTable caption="Access reviews" headers={['Review', 'Of', 'Due', 'Progress', 'Status']}>
          {rows.map((row) => (
            <tr key={row.id} data-testid="review-row">
              <Td>
                <Link href={`/reviews/${row.id}`} className="font-medium underline">
                  {row.name}
                </Link>
                <p className="text-xs text-slate-600">
                  Started by {row.createdByName} on {row.createdAt}
                </p>
              </Td>
              <Td>{row.scope}</Td>
              <Td>
                <span className={row.overdue ? 'font-medium text-red-700' : undefined}>
                  {row.due}
                  {row.overdue && ' (overdue)'}
                </span>
              </Td>
              <Td>
                {row.decided} of {row.items} decided
              </Td>
              <Td>{row.status === 'open' ? 'Open' : `Closed ${row.closedAt ?? ''}`}</Td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
