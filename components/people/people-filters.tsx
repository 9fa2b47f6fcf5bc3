import { SelectFilter } from '@/components/ui/url-filters';

/**
 * The filters people lists share, each bound to its URL parameter (the names of `peopleQuerySchema` in
 * lib/data/people.ts). The first option of each is the default, which leaves the parameter out of the URL.
 */
const FIXED = {
  status: {
    label: 'Status',
    options: [
      ['', 'Active and inactive'],
      ['active', 'Active'],
      ['inactive', 'Inactive'],
    ],
  },
  card: {
    label: 'Card',
    options: [
      ['', 'With or without'],
      ['yes', 'Has a card'],
      ['no', 'No card'],
    ],
  },
  expired: {
    label: 'Access expiry',
    options: [
      ['', 'Any'],
      ['yes', 'Expired'],
      ['no', 'Not expired'],
    ],
  },
  sort: {
    label: 'Sort by',
    options: [
      ['', 'Name'],
      ['created', 'Added'],
      ['expiry', 'Access expiry'],
    ],
  },
  dir: {
    label: 'Order',
    options: [
      ['', 'Ascending'],
      ['desc', 'Descending'],
    ],
  },
} as const;

export function PeopleFilter({ name }: { name: keyof typeof FIXED }) {
  const { label, options } = FIXED[name];
  return <SelectFilter name={name} label={label} options={options.map(([value, text]) => ({ value, label: text }))} />;
}

/** A filter whose options are the operator's own (sites, Spintly roles). */
export function ChoiceFilter({
  name,
  label,
  any,
  choices,
}: {
  name: 'site' | 'role' | 'company';
  label: string;
  any: string;
  choices: { id: number; name: string }[];
}) {
  // No choices: Spintly's list could not be read (the page says so); a filter with nothing to pick would only confuse.
  if (choices.length === 0) return null;
  return (
    <SelectFilter
      name={name}
      label={label}
      options={[{ value: '', label: any }, ...choices.map((c) => ({ value: String(c.id), label: c.name }))]}
    />
  );
}

/** How many of a people list's filters differ from their defaults (search not counted: it stays in view). */
export function activeFilters(query: {
  status: string;
  site?: number | undefined;
  role?: number | undefined;
  card?: string | undefined;
  expired?: string | undefined;
  company?: number | undefined;
  sort: string;
  dir: string;
}) {
  return [
    query.status !== 'all',
    query.site,
    query.company,
    query.role,
    query.card,
    query.expired,
    query.sort !== 'name',
    query.dir !== 'asc',
  ].filter(Boolean).length;
}
