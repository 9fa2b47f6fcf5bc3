import { Notice } from '@/components/ui/notice';

/** How many of the people chosen by id were left out: outside the operator's sites, or gone. Named nowhere. */
export function LeftOutNotice({ missing }: { missing: number }) {
  if (missing === 0) return null;
  return (
    <div className="mb-4">
      <Notice tone="warning">
        {missing} of the people chosen are not at your sites or no longer exist; they are left out.
      </Notice>
    </div>
  );
}

/** The people a bulk change is about, listed before it starts: name, home site, and their card when it matters. */
export function ChosenPeopleList({
  label,
  people,
  showCard = false,
}: {
  label: string;
  people: { id: number; name: string; homeSiteName: string; card: string | null }[];
  showCard?: boolean;
}) {
  return (
    <ul className="rounded-lg border border-slate-200 bg-white text-sm" aria-label={label}>
      {people.map((p) => (
        <li key={p.id} className="flex flex-wrap gap-x-3 border-b border-slate-100 px-4 py-2 last:border-0">
          <span className="font-medium">{p.name}</span>
          <span className="text-slate-600">{p.homeSiteName}</span>
          {showCard && <span className="text-slate-600">{p.card ? `Card ${p.card}` : 'No card'}</span>}
        </li>
      ))}
    </ul>
  );
}
