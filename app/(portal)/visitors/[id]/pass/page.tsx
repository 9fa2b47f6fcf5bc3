import type { Metadata } from 'next';
import Link from 'next/link';
import { PrintButton } from '@/components/visitors/print-button';
import { visitPage } from '@/lib/data/visitors';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Visitor pass' };

/**
 * `/visitors/[id]/pass`: a visitor's pass to print (A6 or a badge label). The portal's header and these buttons are
 * left off the paper by the print stylesheet.
 */
export default async function VisitorPassPage({ params }: { params: Promise<{ id: string }> }) {
  const { visit, display } = await visitPage((await params).id);
  return (
    <>
      <div className="mb-4 flex gap-3 print:hidden">
        <PrintButton />
        <Link href={`/visitors/${visit.id}`} className="self-center text-sm underline">
          Back to the visit
        </Link>
      </div>
      <article
        aria-label="Visitor pass"
        data-testid="visitor-pass"
        className="mx-auto w-full max-w-sm rounded-xl border-2 border-slate-900 bg-white p-6 print:max-w-none print:border print:shadow-none"
      >
        <p className="text-xs font-semibold tracking-widest text-slate-600 uppercase">Visitor</p>
        <h1 className="mt-1 text-2xl font-bold">{visit.visitorName}</h1>
        <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">Host</dt>
          <dd>{visit.hostName}</dd>
          <dt className="text-slate-600">Site</dt>
          <dd>{visit.siteName}</dd>
          <dt className="text-slate-600">Valid from</dt>
          <dd>{formatDateTime(visit.startsAt, display)}</dd>
          <dt className="text-slate-600">Until</dt>
          <dd>{formatDateTime(visit.endsAt, display)}</dd>
          <dt className="text-slate-600">Doors</dt>
          <dd>{visit.doors.map((d) => d.name).join(', ')}</dd>
          {visit.card && (
            <>
              <dt className="text-slate-600">Card</dt>
              <dd>{visit.card} — return it at the desk</dd>
            </>
          )}
        </dl>
      </article>
    </>
  );
}
