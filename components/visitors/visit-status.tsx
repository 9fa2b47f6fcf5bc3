import { VISIT_STATUS_TEXT, type VisitStatus } from '@/lib/visitors/status';

const TONE: Record<VisitStatus, string> = {
  expected: 'bg-sky-50 text-sky-900 ring-sky-200',
  in: 'bg-green-50 text-green-900 ring-green-200',
  left: 'bg-slate-100 text-slate-700 ring-slate-200',
  expired: 'bg-amber-50 text-amber-900 ring-amber-200',
};

/** Where a visit stands, in words and a colour (the words carry it; the colour only helps). */
export function VisitStatusBadge({ status }: { status: VisitStatus }) {
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${TONE[status]}`}
      data-testid="visit-status"
    >
      {VISIT_STATUS_TEXT[status]}
    </span>
  );
}
