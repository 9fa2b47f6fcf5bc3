import { SelectFilter } from '@/components/ui/url-filters';

/** The filters people lists share, each bound to its URL parameter. */
export function StatusFilter() {
  return (
    <SelectFilter
      name="status"
      label="Status"
      options={[
        { value: '', label: 'Active and inactive' },
        { value: 'active', label: 'Active' },
        { value: 'inactive', label: 'Inactive' },
      ]}
    />
  );
}

export function CardFilter() {
  return (
    <SelectFilter
      name="card"
      label="Card"
      options={[
        { value: '', label: 'With or without' },
        { value: 'yes', label: 'Has a card' },
        { value: 'no', label: 'No card' },
      ]}
    />
  );
}

export function SiteFilter({ sites }: { sites: { id: number; name: string }[] }) {
  return (
    <SelectFilter
      name="site"
      label="Home site"
      options={[{ value: '', label: 'All my sites' }, ...sites.map((s) => ({ value: String(s.id), label: s.name }))]}
    />
  );
}
