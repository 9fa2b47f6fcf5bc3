'use client';

import { useState } from 'react';
import { Input } from '@/components/ui/field';
import { usePeopleSearch } from '@/components/people/use-people-search';

export interface Host {
  id: number;
  name: string;
  email: string | null;
  employeeCode: string | null;
  homeSiteName: string;
}

/** The member a visitor comes to see: type part of a name, pick one (members at the operator's sites only). */
export function HostPicker({
  id,
  host,
  onChange,
  error,
}: {
  id: string;
  host: Host | null;
  onChange: (host: Host | null) => void;
  error?: string | undefined;
}) {
  const [query, setQuery] = useState('');
  const { results, status, ready } = usePeopleSearch<Host>(query, 200);
  if (host)
    return (
      <div className="flex flex-col gap-1">
        <span className="text-sm font-medium text-slate-800" id={`${id}-label`}>
          Host
        </span>
        <div className="flex items-center gap-3 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm">
          <span data-testid="chosen-host">
            <span className="font-medium">{host.name}</span>{' '}
            <span className="text-slate-600">{host.email ?? host.employeeCode ?? ''}</span>
          </span>
          <button
            type="button"
            className="ml-auto text-sm underline"
            onClick={() => onChange(null)}
            aria-label={`Change host (now ${host.name})`}
          >
            Change
          </button>
        </div>
      </div>
    );
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        Host
      </label>
      <Input
        id={id}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="The member they are visiting: name, email or phone"
        aria-describedby={`${id}-status${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
        autoComplete="off"
      />
      <p id={`${id}-status`} className="text-xs text-slate-600" aria-live="polite">
        {status === 'loading'
          ? 'Searching…'
          : status === 'error'
            ? 'Search failed; try again.'
            : ready
              ? `${results.length} found`
              : 'Type at least 2 characters.'}
      </p>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
      {results.length > 0 && (
        <ul className="max-h-48 overflow-y-auto rounded-md border border-slate-200" aria-label="Hosts found">
          {results.map((person) => (
            <li key={person.id} className="border-b border-slate-100 last:border-0">
              <button
                type="button"
                className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-slate-50 focus:bg-slate-50"
                onClick={() => onChange(person)}
              >
                <span className="font-medium">{person.name}</span>
                <span className="text-slate-600">{person.email ?? person.employeeCode ?? ''}</span>
                <span className="ml-auto text-xs text-slate-500">{person.homeSiteName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
