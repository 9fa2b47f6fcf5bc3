'use client';

import { useId, useState, type ReactNode } from 'react';
import { cn } from './cn';

/**
 * On phones a list's filters fold behind a "Filters (2)" button (the count is how many are set), so the list starts
 * on the first screen; from 640 px up the filters are laid out in the parent's grid as if this wrapper were not there.
 */
export function FilterDisclosure({ active, children }: { active: number; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <button
        type="button"
        className="justify-self-start rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 sm:hidden"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        Filters{active > 0 ? ` (${active})` : ''}
      </button>
      <div id={id} className={cn(open ? 'grid gap-3' : 'hidden', 'sm:contents')}>
        {children}
      </div>
    </>
  );
}
