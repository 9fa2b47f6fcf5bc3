'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { fetchPeople, usePeopleSearch } from '@/components/people/use-people-search';
import { cn } from '@/components/ui/cn';
import { Input } from '@/components/ui/field';
import { Panel } from '@/components/ui/panel';
import { looksLikeCardNumber } from '@/lib/spintly/card-number';

interface Result {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  employeeCode: string | null;
  homeSiteName: string;
  card: string | null;
  active: boolean;
}

const optionId = (id: number) => `desk-result-${id}`;

function statusText(status: string, ready: boolean, found: number, note: string | null) {
  if (note) return note;
  if (status === 'loading') return 'Searching…';
  if (status === 'error') return 'Search failed; try again.';
  if (!ready) return 'Type at least 2 characters, or tap a card on the reader to see whose it is.';
  if (found === 0) return 'No one found.';
  return `${found} found — ↑ ↓ to choose, Enter to open`;
}

/**
 * The front desk's one box: type part of a name (or phone, email, employee code), Enter opens the first or chosen
 * match; a card number (digits only) tapped here opens its holder ("whose card is this?"). Opening a person moves
 * focus to their card field (CardDesk), ready for the reader; Esc anywhere on the desk clears it for the next person.
 */
export function FrontDeskSearch({ initial, pickedId }: { initial?: string; pickedId?: number }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState(initial ?? '');
  const [active, setActive] = useState(-1);
  const [note, setNote] = useState<string | null>(null);
  /** Enter was pressed while the search for this text was still running: open its first match when it lands. */
  const enterFor = useRef<string | null>(null);
  const { results, status, ready, settled } = usePeopleSearch<Result>(query);

  const open = (id: number, q = query.trim()) => {
    enterFor.current = null;
    router.push(`/front-desk?person=${id}&q=${encodeURIComponent(q)}`);
  };

  const typed = query.trim();
  useEffect(() => {
    if (enterFor.current !== typed || !settled) return;
    enterFor.current = null;
    if (results[0]) router.push(`/front-desk?person=${results[0].id}&q=${encodeURIComponent(typed)}`);
  }, [settled, results, router, typed]);

  // Esc makes the desk ready for the next person, wherever focus is (but a dialog's Esc only closes the dialog).
  useEffect(() => {
    const reset = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) return;
      setQuery('');
      setActive(-1);
      setNote(null);
      enterFor.current = null;
      input.current?.focus();
      router.replace('/front-desk');
    };
    window.addEventListener('keydown', reset);
    return () => window.removeEventListener('keydown', reset);
  }, [router]);

  const enter = async () => {
    const chosen = results[active];
    if (chosen) return open(chosen.id);
    if (looksLikeCardNumber(typed)) {
      setNote('Looking up card…');
      try {
        const [holder] = await fetchPeople<Result>({ card: typed });
        setNote(null);
        if (holder) return open(holder.id);
      } catch {
        setNote('Card lookup failed; try again.');
        return;
      }
      // No one holds it: the digits may be a phone number or an employee code, so fall through to the search.
    }
    if (!ready) return;
    if (settled) {
      if (results[0]) open(results[0].id);
      else setNote(`No one found for “${typed}”.`);
    } else enterFor.current = typed;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (results.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + results.length) % results.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void enter();
    }
  };

  const listed = results.length > 0;
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor="desk-search" className="text-sm font-medium text-slate-800">
        Find a person
      </label>
      <Input
        ref={input}
        id="desk-search"
        type="search"
        role="combobox"
        aria-expanded={listed}
        aria-controls="desk-results"
        aria-autocomplete="list"
        aria-activedescendant={results[active] ? optionId(results[active].id) : undefined}
        // With someone open, their card field has the focus (CardDesk), ready for the reader.
        autoFocus={!pickedId}
        autoComplete="off"
        value={query}
        placeholder="Name, phone, email, employee code or card number"
        aria-describedby="desk-search-status"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(-1);
          setNote(null);
        }}
        onKeyDown={onKeyDown}
      />
      <p id="desk-search-status" className="text-xs text-slate-600" aria-live="polite">
        {statusText(status, ready, results.length, note)}
      </p>
      <Panel
        as="ul"
        id="desk-results"
        role="listbox"
        aria-label="Search results"
        className={cn(
          'divide-y divide-slate-100 overflow-y-auto',
          // On a tablet the person and card field sit below the list: keep it short once someone is open.
          pickedId ? 'max-h-48 lg:max-h-none' : 'max-h-[60vh] lg:max-h-none',
          !listed && 'hidden',
        )}
      >
        {results.map((p, index) => {
          const picked = p.id === pickedId;
          return (
            <li
              key={p.id}
              id={optionId(p.id)}
              role="option"
              aria-selected={index === active}
              aria-current={picked ? 'true' : undefined}
              // A click picks without taking focus from the search box first.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => open(p.id)}
              className={cn(
                'grid cursor-pointer grid-cols-[1fr_auto] gap-x-3 border-l-4 px-3 py-2 text-sm',
                picked ? 'border-indigo-600 bg-indigo-50' : 'border-transparent hover:bg-slate-50',
                index === active && 'outline-2 -outline-offset-2 outline-indigo-600',
              )}
            >
              <span className="font-medium">
                {p.name}
                {picked && <span className="sr-only"> (open)</span>}
              </span>
              <span className="text-right text-xs text-slate-700">
                {p.card ? `Card ${p.card}` : 'No card'}
                {p.active ? '' : ' · inactive'}
              </span>
              <span className="truncate text-xs text-slate-600">
                {[p.employeeCode ?? p.email, p.phone].filter(Boolean).join(' · ') || '—'}
              </span>
              <span className="text-right text-xs text-slate-600">{p.homeSiteName}</span>
            </li>
          );
        })}
      </Panel>
    </div>
  );
}
