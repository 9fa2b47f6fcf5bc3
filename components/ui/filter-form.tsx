import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonVariants } from './button';
import { cn } from './cn';
import { FilterDisclosure } from './filter-disclosure';

/**
 * A list's filters as a plain GET form: they live in the URL, so a view can be bookmarked or shared, and work before
 * any JavaScript has loaded. "Clear" leads back to the unfiltered list.
 */
export function FilterForm({
  label,
  clearHref,
  showClear = true,
  className,
  active = 0,
  children,
}: {
  label: string;
  clearHref: string;
  showClear?: boolean;
  className?: string;
  /** How many filters are set, for the phone's "Filters (n)" button. */
  active?: number;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      role="search"
      aria-label={label}
      className={cn('grid gap-3 rounded-lg border border-slate-200 bg-white p-4', className)}
    >
      <FilterDisclosure active={active}>
        {children}
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonVariants('primary')}>
            Filter
          </button>
          {showClear && (
            <Link href={clearHref} className="px-2 py-2 text-sm text-slate-700 underline">
              Clear
            </Link>
          )}
        </div>
      </FilterDisclosure>
    </form>
  );
}
