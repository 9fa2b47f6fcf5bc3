'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { JobProgress, queuedJob } from '@/components/jobs/job-progress';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input } from '@/components/ui/field';
import { DataTable, Td } from '@/components/ui/table';
import { useServerAction } from '@/components/ui/use-server-action';
import { applyReviewAction, closeReviewAction } from '@/lib/actions/reviews/apply';
import { decideReviewItemsAction } from '@/lib/actions/reviews/decide';

export interface ReviewItemRow {
  id: number;
  person: string;
  active: boolean;
  door: string;
  source: string;
  since: string;
  usage: string;
  unusedDays: number | null;
  decision: 'keep' | 'revoke' | null;
  decidedBy: string | null;
  comment: string | null;
  outcome: string | null;
}

const DECISION_TEXT = { keep: 'Keep', revoke: 'Revoke' } as const;

/**
 * A reviewer's work on one page of a campaign: keep or revoke each item, or every item shown at once (with an optional
 * comment), then apply the revocations as a job, or close the campaign. Decisions land at once; the page refreshes.
 */
export function ReviewWork({
  reviewId,
  open,
  items,
  emptyText,
  revokesToApply,
  undecided,
  unreviewed,
}: {
  reviewId: string;
  open: boolean;
  items: ReviewItemRow[];
  /** Said instead of the table when this page shows no items. */
  emptyText: string;
  revokesToApply: number;
  undecided: number;
  unreviewed: 'keep' | 'revoke';
}) {
  const router = useRouter();
  const [comment, setComment] = useState('');
  const [job, setJob] = useState<{ id: string; total: number } | null>(null);
  const decide = useServerAction(decideReviewItemsAction);
  const apply = useServerAction(applyReviewAction, {
    successMessage: null,
    onSuccess: (result) => result.data && setJob({ id: result.data.jobId, total: revokesToApply }),
  });
  const close = useServerAction(closeReviewAction, {
    onSuccess: (result) => result.data?.jobId && setJob({ id: result.data.jobId, total: revokesToApply }),
  });
  const pending = decide.pending || apply.pending || close.pending;
  const openItems = items.filter((item) => !item.outcome);
  const decideOn = (itemIds: number[], decision: 'keep' | 'revoke') =>
    void decide.run({ reviewId, itemIds, decision, ...(comment.trim() && { comment: comment.trim() }) });

  return (
    <div className="flex flex-col gap-4">
      {job && (
        <JobProgress
          initial={queuedJob(job.id, 'Taking away the revoked doors', job.total)}
          onOver={() => router.refresh()}
        />
      )}
      {open && items.length > 0 && (
        <div className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-4">
          <label className="flex min-w-64 flex-1 flex-col gap-1 text-sm font-medium text-slate-800">
            Comment for the next decisions (optional)
            <Input value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} />
          </label>
          <Button
            variant="secondary"
            disabled={pending || openItems.length === 0}
            onClick={() =>
              decideOn(
                openItems.map((i) => i.id),
                'keep',
              )
            }
          >
            Keep all {openItems.length} shown
          </Button>
          <Button
            variant="danger"
            disabled={pending || openItems.length === 0}
            onClick={() =>
              decideOn(
                openItems.map((i) => i.id),
                'revoke',
              )
            }
          >
            Revoke all {openItems.length} shown
          </Button>
        </div>
      )}
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
          {emptyText}
        </p>
      ) : (
        <DataTable
          caption="Who can open which door"
          headers={[
            'Person',
            'Door',
            'Access from',
            'Since',
            'Use',
            'Decision',
            <span key="a" className="sr-only">
              Decide
            </span>,
          ]}
        >
          {items.map((item) => (
            <tr key={item.id} data-testid="review-item">
              <Td>
                <div className="font-medium">{item.person}</div>
                {!item.active && <div className="text-xs font-medium text-red-700">Deactivated</div>}
              </Td>
              <Td>{item.door}</Td>
              <Td>{item.source}</Td>
              <Td>{item.since}</Td>
              <Td>
                <span className={item.unusedDays === null || item.unusedDays >= 90 ? 'text-amber-800' : undefined}>
                  {item.usage}
                </span>
              </Td>
              <Td>
                {item.decision ? (
                  <>
                    <span className={item.decision === 'revoke' ? 'font-medium text-red-700' : 'font-medium'}>
                      {DECISION_TEXT[item.decision]}
                    </span>
                    <div className="text-xs text-slate-600">
                      {[item.decidedBy, item.comment && `“${item.comment}”`, item.outcome].filter(Boolean).join(' · ')}
                    </div>
                  </>
                ) : (
                  <span className="text-slate-600">Not decided</span>
                )}
              </Td>
              <Td>
                {open && !item.outcome && (
                  <div className="flex justify-end gap-1">
                    <Button
                      size="sm"
                      variant="secondary"
                      disabled={pending || item.decision === 'keep'}
                      aria-label={`Keep ${item.door} for ${item.person}`}
                      onClick={() => decideOn([item.id], 'keep')}
                    >
                      Keep
                    </Button>
                    <Button
                      size="sm"
                      variant="danger"
                      disabled={pending || item.decision === 'revoke'}
                      aria-label={`Revoke ${item.door} for ${item.person}`}
                      onClick={() => decideOn([item.id], 'revoke')}
                    >
                      Revoke
                    </Button>
                  </div>
                )}
              </Td>
            </tr>
          ))}
        </DataTable>
      )}
      {open && (
        <div className="flex flex-wrap gap-3">
          <Button disabled={pending || revokesToApply === 0} onClick={() => void apply.run({ reviewId })}>
            Apply {revokesToApply} {revokesToApply === 1 ? 'revocation' : 'revocations'}
          </Button>
          <ConfirmDialog
            trigger={
              <Button variant="secondary" disabled={pending}>
                Close review
              </Button>
            }
            title="Close this review?"
            description={`Decisions become final. ${undecided} ${undecided === 1 ? 'item nobody decided is' : 'items nobody decided are'} ${unreviewed === 'revoke' ? 'revoked' : 'kept'}, as the review says; every revocation not yet applied is applied now.`}
            confirmLabel="Close review"
            tone="primary"
            onConfirm={() => void close.run({ reviewId })}
          />
        </div>
      )}
    </div>
  );
}
