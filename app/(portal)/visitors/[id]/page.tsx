import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { VisitActions } from '@/components/visitors/visit-actions';
import { VisitStatusBadge } from '@/components/visitors/visit-status';
import { visitPage } from '@/lib/data/visitors';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Visit' };

/** `/visitors/[id]`: one visit — who, whose guest, when, which doors — with extend, doors and end now while open. */
export default async function VisitPage({ params }: { params: Promise<{ id: string }> }) {
  const { visit, siteDoors, maxHours, display, notice } = await visitPage((await params).id);
  const lengthHours = (Date.parse(visit.endsAt) - Date.parse(visit.startsAt)) / 3_600_000;
  const facts: [string, string][] = [
    ['Phone', visit.visitorPhone],
    ['Email', visit.visitorEmail ?? '—'],
    ['Host', visit.hostName],
    ['Site', visit.siteName],
    ['From', formatDateTime(visit.startsAt, display)],
    ['Until', formatDateTime(visit.endsAt, display)],
    ['Doors', visit.doors.map((d) => d.name).join(', ')],
    ['Card', visit.card ?? 'None (QR pass only)'],
    ['Notice', notice],
  ];
  return (
    <>
      <Breadcrumbs
        trail={[{ href: `/visitors?site=${visit.siteId}`, label: 'Visitors' }]}
        current={visit.visitorName}
      />
      <PageHeader
        title={visit.visitorName}
        description={<VisitStatusBadge status={visit.status} />}
        actions={
          <Link href={`/visitors/${visit.id}/pass`} className={buttonVariants('secondary')}>
            Print pass
          </Link>
        }
      />
      <Panel className="mb-6 p-4">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          {facts.map(([term, value]) => (
            <div key={term} className="flex gap-2">
              <dt className="w-16 shrink-0 text-slate-600">{term}</dt>
              <dd data-testid={`visit-${term.toLowerCase()}`}>{value}</dd>
            </div>
          ))}
        </dl>
      </Panel>
      {visit.open && (
        <VisitActions
          visit={{
            id: visit.id,
            siteId: visit.siteId,
            visitorName: visit.visitorName,
            card: visit.card,
            doorIds: visit.doors.map((d) => d.id),
          }}
          siteDoors={siteDoors}
          maxMoreHours={Math.floor(maxHours - lengthHours)}
        />
      )}
    </>
  );
}
