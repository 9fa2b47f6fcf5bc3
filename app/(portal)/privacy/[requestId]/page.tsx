import type { Metadata } from 'next';
import { RequestActions } from '@/components/privacy/request-actions';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { requestPage } from '@/lib/data/privacy';

export const metadata: Metadata = { title: 'Privacy request' };

/** `/privacy/[id]`: a request, what the portal holds about its subject, and its answer. */
export default async function PrivacyRequestPage({ params }: { params: Promise<{ requestId: string }> }) {
  const { request, holdings } = await requestPage((await params).requestId);
  const held: [string, string][] = [
    ['In the people directory', holdings.directory ? 'Yes' : 'No'],
    ['Visits as a visitor', String(holdings.visits)],
    ['Visits they hosted', String(holdings.hostedVisits)],
    ['Access events', String(holdings.events)],
    ['Audit records naming them', String(holdings.auditRecords)],
    ['Import and job rows', String(holdings.jobRows)],
  ];
  return (
    <>
      <Breadcrumbs trail={[{ href: '/privacy', label: 'Privacy requests' }]} current={request.subject} />
      <PageHeader
        title={request.subject}
        description={`${request.kind} · asked by ${request.requestedBy} · received ${request.received} · due ${request.due}${request.overdue ? ' (overdue)' : ''}`}
      />
      {!request.open && (
        <div className="mb-6 max-w-2xl">
          <Notice tone={request.status === 'Erased' ? 'success' : 'info'} title={`${request.status} ${request.closed}`}>
            <span data-testid="request-outcome">{request.outcome}</span>
          </Notice>
        </div>
      )}
      <Panel aria-labelledby="held-heading" className="mb-6 max-w-2xl p-6">
        <h2 id="held-heading" className="font-semibold">
          What the portal holds now
        </h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm" data-testid="holdings">
          {held.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="text-slate-600">{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-xs text-slate-600">Recorded {request.recorded}.</p>
      </Panel>
      {request.open && (
        <Panel aria-labelledby="answer-heading" className="max-w-2xl p-6">
          <h2 id="answer-heading" className="mb-3 font-semibold">
            Answer
          </h2>
          <RequestActions requestId={request.id} deleteInSpintly={request.deleteInSpintly} />
        </Panel>
      )}
    </>
  );
}
