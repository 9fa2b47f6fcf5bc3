import type { Metadata } from 'next';
import { StartReviewForm } from '@/components/reviews/start-review-form';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';
import { newReviewOptions } from '@/lib/data/reviews';

export const metadata: Metadata = { title: 'New access review' };

/** `/reviews/new`: what to review, who reviews it, by when, and what happens to what nobody reviews. */
export default async function NewReviewPage() {
  const options = await newReviewOptions();
  return (
    <>
      <Breadcrumbs trail={[{ href: '/reviews', label: 'Access reviews' }]} current="New" />
      <PageHeader
        title="New access review"
        description="Everyone who can open the chosen doors when you start becomes an item to keep or revoke."
      />
      {options.sites.length === 0 ? (
        <p className="text-sm text-slate-700">You have no sites yet. Ask a super admin to give you one.</p>
      ) : (
        <StartReviewForm options={options} />
      )}
    </>
  );
}
