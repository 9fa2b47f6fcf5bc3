'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { usePeopleSearch } from '@/components/people/use-people-search';
import { Input } from '@/components/ui/field';
import { Panel } from '@/components/ui/panel';

interface Result {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  employeeCode: string | null;
  card: string | null;
  active: boolean;
}

/** One box for name, phone, email, employee code or card number; results appear as you type. */
export function FrontDeskSearch({ initial }: { initial?: string }) {
  const router = useRouter();
  const [query, setQuery] = useState(initial ?? '');
  const { results: shown, status, ready } = usePeopleSearch<Result>(query);

  const open = (id: number) => router.push(`/front-desk?person=${id}&q=${encodeURIComponent(query.trim())}`);
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor="desk-search" className="text-sm font-medium text-slate-800">
        Find a person
      </label>
      <Input
        id="desk-search"
        type="search"
        autoFocus
        autoComplete="off"
        value={query}
        placeholder="Name, phone, email, employee code or card number"
        aria-describedby="desk-search-status"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && shown.length === 1) open(shown[0]!.id);
        }}
      />
      <p id="desk-search-status" className="text-xs text-slate-600" aria-live="polite">
        {status === 'loading'
          ? 'Searching…'
          : status === 'error'
            ? 'Search failed; try again.'
            : ready
              ? `${shown.length} found${shown.length === 1 ? ' — press Enter to open' : ''}`
              : 'Type at least 2 characters.'}
      </p>
      {shown.length > 0 && (
        <Panel as="ul" className="divide-y divide-slate-100" aria-label="Search results">
          {shown.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                onClick={() => open(p.id)}
                className="flex w-full flex-wrap items-baseline gap-x-3 px-3 py-2 text-left text-sm hover:bg-slate-50 focus:bg-indigo-50 focus:outline-none"
              >
                <span className="font-medium">{p.name}</span>
                <span className="text-slate-600">{p.phone ?? p.email ?? p.employeeCode ?? ''}</span>
                <span className="ml-auto text-xs text-slate-600">
                  {p.card ? `Card ${p.card}` : 'No card'}
                  {p.active ? '' : ' · inactive'}
                </span>
              </button>
            </li>
          ))}
        </Panel>
      )}
    </div>
  );
}
