import { showDay } from '@/lib/format';

/** When a company's access ends, in words: "Ended", "31/03/2027", or "Ends in 12 days" from 30 days before. */
export function CompanyEnd({
  company,
}: {
  company: { status: string; validUntil: string | null; soon: boolean; daysLeft: number | null };
}) {
  if (company.status === 'ended') return <span className="font-medium text-slate-700">Ended</span>;
  if (!company.validUntil) return <span className="text-slate-600">No end date</span>;
  if (!company.soon) return <span>{showDay(company.validUntil)}</span>;
  const n = company.daysLeft ?? 0;
  return (
    <span className="font-medium text-amber-800">
      {n < 0 ? 'Ending now' : n === 0 ? 'Ends today' : `Ends in ${n} ${n === 1 ? 'day' : 'days'}`} (
      {showDay(company.validUntil)})
    </span>
  );
}
