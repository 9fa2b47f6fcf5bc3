'use client';

import { useMemo, useState } from 'react';
import { Input } from '@/components/ui/field';
import { usePeopleSearch } from './use-people-search';

export interface PickedPerson {
  id: number;
  name: string;
  email: string | null;
  employeeCode: string | null;
  homeSiteName: string;
}

const NOBODY: readonly number[] = [];

/** "3 found", and how many more matched but are not listed because they already have access. */
function foundText(shown: number, excluded: number) {
  if (excluded === 0) return `${shown} found`;
  if (shown === 0) return `${excluded} found, all of whom already have access`;
  return `${shown} found (${excluded} more already have access)`;
}

/**
 * Type to search people (in the operator's sites), tick the ones to pick. Results come from /api/people/search,
 * which applies the same scope as every action.
 */
export function PersonPicker({
  selected,
  onChange,
  exclude = NOBODY,
}: {
  selected: PickedPerson[];
  onChange: (people: PickedPerson[]) => void;
  exclude?: readonly number[];
}) {
  const [query, setQuery] = useState('');
  const { results, status, ready } = usePeopleSearch<PickedPerson>(query, 250);

  const chosen = new Set(selected.map((p) => p.id));
  // A busy door excludes thousands: one Set per list, not one per keystroke.
  const excluded = useMemo(() => new Set(exclude), [exclude]);
  const shown = results.filter((p) => !excluded.has(p.id));
  const toggle = (person: PickedPerson) =>
    onChange(chosen.has(person.id) ? selected.filter((p) => p.id !== person.id) : [...selected, person]);

  return (
    <div className="flex flex-col gap-2">
      <label htmlFor="person-search" className="text-sm font-medium text-slate-800">
        Find people
      </label>
      <Input
        id="person-search"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="Name, email, phone or employee code"
        aria-describedby="person-search-status"
      />
      <p id="person-search-status" className="text-xs text-slate-600" aria-live="polite">
        {status === 'loading'
          ? 'Searching…'
          : status === 'error'
            ? 'Search failed; try again.'
            : ready
              ? foundText(shown.length, results.length - shown.length)
              : 'Type at least 2 characters.'}
      </p>
      {shown.length > 0 && (
        <fieldset className="max-h-56 overflow-y-auto rounded-md border border-slate-200">
          <legend className="sr-only">Search results</legend>
          {shown.map((person) => (
            <label
              key={person.id}
              className="flex items-center gap-2 border-b border-slate-100 px-3 py-2 text-sm last:border-0"
            >
              <input type="checkbox" checked={chosen.has(person.id)} onChange={() => toggle(person)} />
              <span className="font-medium">{person.name}</span>
              <span className="text-slate-600">{person.email ?? person.employeeCode ?? ''}</span>
              <span className="ml-auto text-xs text-slate-500">{person.homeSiteName}</span>
            </label>
          ))}
        </fieldset>
      )}
      {selected.length > 0 && (
        <p className="text-sm" data-testid="picked">
          Selected: {selected.map((p) => p.name).join(', ')}
        </p>
      )}
    </div>
  );
}
