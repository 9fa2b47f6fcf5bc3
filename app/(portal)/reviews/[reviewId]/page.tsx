import type { Metadata } from 'next';
import Link from 'next/link';
import { ReviewWork } from '@/components/reviews/review-work';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { buttonVariants } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { SearchBox } from '@/components/ui/search-box';
import { REVIEW_PAGE_SIZE, reviewPage } from '@/lib/data/reviews';

export const metadata: Metadata = { title: 'Access review' };

const TABS = [
  { show: 'undecided', label: 'Not decided' },
  { show: 'revoke', label: 'Revoke' },
  { show: 'keep', label: 'Keep' },
  { show: 'all', label: 'All' },
] as const;

/** `/reviews/[id]?show=&q=&page=`: a reviewer works through the items, decides, applies and closes. */
export default async function ReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ reviewId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { reviewId } = await params;
  const { review, query, items, total } = await reviewPage(reviewId, await searchParams);
  const { counts } = review;
  const hrefFor = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams();
    const merged = { show: query.show, q: query.q, page: undefined, ...changes };
    for (const [key, value] of Object.entries(merged))
      if (value !== undefined && value !== '') next.set(key, String(value));
    return `/reviews/${review.id}?${next.toString()}`;
  };
  const countOf = { undecided: counts.undecided, revoke: counts.revoke, keep: counts.keep, all: review.items };
  return (
    <>
      <Breadcrumbs trail={[{ href: '/reviews', label: 'Access reviews' }]} current={review.name} />
      <PageHeader
        title={review.name}
        description={`${review.scope} · due ${review.due}${review.overdue ? ' (overdue)' : ''} · items nobody decides are ${review.unreviewed === 'revoke' ? 'revoked' : 'kept'} at the close · started by ${review.createdByName} on ${review.createdAt}`}
        actions={
          <a href={`/api/reviews/export?id=${review.id}`} className={buttonVariants('secondary')} download>
            Evidence CSV
          </a>
        }
      />
      <p className="mb-4 text-sm text-slate-700" data-testid="review-progress">
        {review.status === 'closed' ? `Closed on ${review.closedAt} by ${review.closedByName}. ` : ''}
        {review.decided} of {review.items} decided: {counts.keep} kept, {counts.revoke} revoked
        {counts.revokesToApply > 0 && ` (${counts.revokesToApply} not applied yet)`}.
      </p>
      <nav aria-label="Show" className="mb-3 flex flex-wrap gap-2">
        {TABS.map((tab) => (
          <Link
            key={tab.show}
            href={hrefFor({ show: tab.show })}
            aria-current={query.show === tab.show ? 'page' : undefined}
            className={
              query.show === tab.show
                ? 'rounded-md bg-slate-800 px-3 py-1 text-sm text-white'
                : 'rounded-md border border-slate-300 bg-white px-3 py-1 text-sm'
            }
          >
            {tab.label} ({countOf[tab.show]})
          </Link>
        ))}
        <SearchBox
          action={`/reviews/${review.id}`}
          id="review-search"
          name="q"
          label="Find a person or door"
          defaultValue={query.q}
          hidden={{ show: query.show }}
          className="ml-auto flex gap-2"
        />
      </nav>
      <ReviewWork
        reviewId={review.id}
        open={review.status === 'open'}
        items={items}
        emptyText={query.show === 'undecided' && !query.q ? 'Every item is decided.' : 'Nothing to show here.'}
        revokesToApply={counts.revokesToApply}
        undecided={counts.undecided}
        unreviewed={review.unreviewed}
      />
      <div className="mt-4">
        <Pagination
          page={query.page}
          perPage={REVIEW_PAGE_SIZE}
          total={total}
          hrefFor={(page) => hrefFor({ page })}
          noun="items"
        />
      </div>
    </>
  );
}
