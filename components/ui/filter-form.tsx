import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonVariants } from './button';
import { cn } from './cn';

/**
 * A list's filters as a plain GET form: they live in the URL, so a view can be bookmarked or shared, and work before
 * any JavaScript has loaded. "Clear" leads back to the unfiltered list.
 */
export function FilterForm({
  label,
  clearHref,
  showClear = true,
  className,
  children,
}: {
  label: string;
  clearHref: string;
  showClear?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      role="search"
      aria-label={label}
      className={cn('grid gap-3 rounded-lg border border-slate-200 bg-white p-4', className)}
    >
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
    </form>
  );
}
